/** Types for serve.mjs (a plain-Node script) so TypeScript tests can import it. */
export interface StaticServer {
  /** e.g. `http://127.0.0.1:5180/` — always the real port, also when 0 was asked. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export declare function startStaticServer(options: {
  readonly root: string;
  readonly port?: number;
  readonly host?: string;
}): Promise<StaticServer>;

export declare function resolveStaticPath(root: string, requestTarget: string): string | null;

export declare function contentTypeFor(filePath: string): string;
