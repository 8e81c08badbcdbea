/** The Go Traps language server (grown in the language-server issue). */
export {};
