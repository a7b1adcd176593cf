/**
 * `npm start` (after `npm run build`): runs the desktop app when the Electron
 * runtime is installed, otherwise serves the same renderer bundle as a web
 * page on 127.0.0.1 so the app is still usable — and testable — on machines
 * where the Electron download is impossible. It never throws at the user:
 * every failure ends in one readable line and a non-zero exit code.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-runtime.mjs';
import { startStaticServer } from './serve.mjs';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RENDERER_DIR = path.join(REPO_ROOT, 'dist', 'renderer');
const MAIN_BUNDLE = path.join(REPO_ROOT, 'dist', 'electron', 'main.cjs');
const HOST = '127.0.0.1';
const PREFERRED_PORT = 5180;

/** @param {string} message */
function fail(message) {
  console.error(message);
  process.exitCode = 1;
}

/** @param {string} electronBinary */
function runDesktop(electronBinary) {
  if (!existsSync(MAIN_BUNDLE)) {
    fail('Chưa có bản dựng Electron — hãy chạy "npm run build" (dist/electron/main.cjs missing).');
    return;
  }
  // If this variable leaks in from the shell, Electron would behave as plain Node.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electronBinary, ['.'], { cwd: REPO_ROOT, stdio: 'inherit', env });
  // A binary that is there but cannot run (permissions, wrong architecture)
  // still leaves the officer a working app: the web build.
  child.on('error', (error) => {
    console.error(`Không khởi động được Electron (failed to start Electron): ${error.message}`);
    void runWeb();
  });
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
  // Ctrl+C reaches Electron directly through the terminal; forward other stops.
  for (const signal of /** @type {const} */ (['SIGTERM', 'SIGHUP'])) {
    process.on(signal, () => child.kill(signal));
  }
}

/** Port 5180 when free, any free port otherwise. */
async function listen() {
  try {
    return await startStaticServer({ root: RENDERER_DIR, port: PREFERRED_PORT, host: HOST });
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EADDRINUSE')) throw error;
    return startStaticServer({ root: RENDERER_DIR, port: 0, host: HOST });
  }
}

async function runWeb() {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    fail('Chưa có bản dựng giao diện — hãy chạy "npm run build" (dist/renderer/index.html missing).');
    return;
  }
  let server;
  try {
    server = await listen();
  } catch (error) {
    fail(`Không mở được máy chủ web cục bộ (cannot start local server): ${error instanceof Error ? error.message : error}`);
    return;
  }
  console.log(
    `Không tìm thấy Electron trên máy này (Electron runtime missing) — mở bản web tại ${server.url} (Ctrl+C để dừng / to stop)`,
  );

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

try {
  const electronBinary = findElectronBinary(REPO_ROOT);
  if (electronBinary) runDesktop(electronBinary);
  else await runWeb();
} catch (error) {
  fail(`Lỗi không mong đợi khi khởi động (unexpected start-up error): ${error instanceof Error ? error.message : error}`);
}
