// Azurite ships no types for its deep imports; these are the parts the embedded store uses.
declare module "azurite/dist/src/table/TableConfiguration.js" {
  export default class TableConfiguration {
    constructor(
      host?: string,
      port?: number,
      keepAliveTimeout?: number,
      metadataDBPath?: string,
      enableDebugLog?: boolean,
      enableAccessLog?: boolean,
      accessLogWriteStream?: NodeJS.WritableStream,
      debugLogFilePath?: string,
      loose?: boolean,
      skipApiVersionCheck?: boolean,
      cert?: string,
      key?: string,
      pwd?: string,
      oauth?: string,
      disableProductStyleUrl?: boolean,
      isMemoryPersistence?: boolean,
    );
  }
}
declare module "azurite/dist/src/table/TableServer.js" {
  import type TableConfiguration from "azurite/dist/src/table/TableConfiguration.js";
  /** The LokiJS database Azurite keeps its tables in (LokiJS 1.5). */
  export interface LokiDb {
    autosave: boolean;
    autosaveDisable(): void;
    serialize(): string;
  }
  export default class TableServer {
    constructor(configuration: TableConfiguration);
    /** The HTTP server, with Azurite's request listener bound (ServerBase). */
    readonly httpServer: import("node:http").Server;
    readonly metadataStore: { readonly db: LokiDb };
    start(): Promise<void>;
    close(): Promise<void>;
    clean(): Promise<void>;
    getHttpServerAddress(): string;
  }
}
