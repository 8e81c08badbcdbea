/** One library's signatures, written as Go declarations (bodies left out) under each import path it serves. */
export interface LibraryStub {
  paths: string[];
  source: string;
}
