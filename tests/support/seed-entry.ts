/** Bundled into an IIFE and injected into the app's page by the scale test and the benchmark. */
import { digestDatabase, fullScanSearch, readAllMembers, seedFamilies, seedMembers } from './seed';

declare global {
  interface Window {
    __soDeAn06Seed: {
      seedMembers: typeof seedMembers;
      seedFamilies: typeof seedFamilies;
      fullScanSearch: typeof fullScanSearch;
      readAllMembers: typeof readAllMembers;
      digestDatabase: typeof digestDatabase;
    };
  }
}

window.__soDeAn06Seed = { seedMembers, seedFamilies, fullScanSearch, readAllMembers, digestDatabase };
