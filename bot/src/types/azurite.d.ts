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
  /** A document in a LokiJS collection: `$loki` is its id within the collection, `meta` Loki's bookkeeping. */
  export interface LokiDoc {
    $loki: number;
    [key: string]: unknown;
  }
  /** The parts of a LokiJS 1.5 collection the journal reads, hooks or rebuilds (node_modules/lokijs/src/lokijs.js). */
  export interface LokiCollection {
    readonly name: string;
    /** The documents, in ascending `$loki` order (Loki's `get` searches `idIndex` by bisection). */
    data: LokiDoc[];
    /** `$loki` of `data[i]`, built lazily when null. */
    idIndex: number[] | null;
    maxId: number;
    setChangesApi(enabled: boolean): void;
    /** Called by insert, update and remove once the Changes API is on (`op` "I", "U", "R"). */
    createChange(name: string, op: string, obj: LokiDoc, old?: LokiDoc): void;
    ensureAllIndexes(force: boolean): void;
  }
  /** The LokiJS database Azurite keeps its tables in (LokiJS 1.5). */
  export interface LokiDb {
    autosave: boolean;
    collections: LokiCollection[];
    autosaveDisable(): void;
    serialize(): string;
    addCollection(name: string, options?: object): LokiCollection;
    removeCollection(name: string): void;
    getCollection(name: string): LokiCollection | null;
    loadJSONObject(dbObject: unknown, options?: object): void;
  }
  /** LokiJS's constructor (the copy Azurite loads). */
  export type LokiConstructor = new (filename: string, options?: object) => LokiDb;
  export default class TableServer {
    constructor(configuration: TableConfiguration);
    /** The HTTP server, with Azurite's request listener bound (ServerBase). */
    readonly httpServer: import("node:http").Server;
    readonly metadataStore: {
      readonly db: LokiDb;
      /** Saves through Loki's own file adapter (no fsync); Azurite calls it once at start. */
      saveDBState(): Promise<void>;
    };
    start(): Promise<void>;
    close(): Promise<void>;
    clean(): Promise<void>;
    getHttpServerAddress(): string;
  }
}
