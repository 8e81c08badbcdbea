/**
 * The contract between the VS Code client and the language server: settings and custom `goTraps/…`
 * messages. Both sides import this one module (the client through an esbuild alias).
 */
export {};
