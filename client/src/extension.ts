/** The Go Traps VS Code client (grown in the language-server issue). */
export function activate(): void {}
export function deactivate(): void {}
