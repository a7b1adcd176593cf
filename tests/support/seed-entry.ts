/** Bundled into an IIFE and injected into the app's page by the scale test and the benchmark. */
import { fullScanSearch, seedMembers } from './seed';

declare global {
  interface Window {
    __soDeAn06Seed: { seedMembers: typeof seedMembers; fullScanSearch: typeof fullScanSearch };
  }
}

window.__soDeAn06Seed = { seedMembers, fullScanSearch };
