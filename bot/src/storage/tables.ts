/** @module Opens the service's tables (creating them if needed) from one connection string: Azurite locally, Azure Storage in production. */
import { TableClient, type GetTableEntityOptions, type GetTableEntityResponse, type TableEntityResult } from "@azure/data-tables";
import { STORAGE_RETRY_OPTIONS, StorageFaults, type StorageFaultOptions } from "./storage-faults.js";

export const TABLE_NAMES = { meetings: "meetings", conversations: "conversations", sir: "sir", members: "members", sirCards: "sircards", kpis: "kpis", actions: "actions", reminders: "reminders" } as const;
export type TableName = keyof typeof TABLE_NAMES;
export type Tables = Readonly<Record<TableName, TableClient>>;

/** Opens every table with the same time limits and breaker (see storage-faults.ts): a storage fault is a quick `StorageUnavailableError`, never a hang. */
export async function openTables(connectionString: string, faultOptions?: StorageFaultOptions): Promise<Tables> {
  const faults = new StorageFaults(faultOptions);
  // Plain http is only ever Azurite on this machine; Azure Storage connection strings are https.
  const allowInsecureConnection = /TableEndpoint=http:\/\/(127\.0\.0\.1|localhost)[:/]/i.test(connectionString) || /UseDevelopmentStorage=true/i.test(connectionString);
  const entries = await Promise.all(
    (Object.keys(TABLE_NAMES) as TableName[]).map(async (key) => {
      const client = TableClient.fromConnectionString(connectionString, TABLE_NAMES[key], { allowInsecureConnection, retryOptions: STORAGE_RETRY_OPTIONS });
      client.pipeline.addPolicy(faults.callPolicy);
      client.pipeline.addPolicy(faults.tryPolicy, { afterPhase: "Retry" });
      await client.createTable();
      return [key, client] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<TableName, TableClient>;
}

/** True when storage answers; used by /healthz. */
export async function storageReachable(tables: Tables, timeoutMs = 2000): Promise<boolean> {
  try {
    const iter = tables.meetings.listEntities({ queryOptions: { filter: "PartitionKey eq '~health'" } }).byPage({ maxPageSize: 1 });
    await Promise.race([iter.next(), new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs).unref())]);
    return true;
  } catch {
    return false;
  }
}

export function restStatus(err: unknown): number | undefined {
  return typeof err === "object" && err !== null && "statusCode" in err && typeof err.statusCode === "number" ? err.statusCode : undefined;
}

/**
 * One row by its keys, or null when it does not exist (404); any other failure is thrown as it came. The table's
 * pipeline (time limits, breaker: storage-faults.ts) applies as for any other call, so a fault is still a quick
 * `StorageUnavailableError`.
 */
export async function entityOrNull<T extends object = Record<string, unknown>>(
  table: TableClient,
  partitionKey: string,
  rowKey: string,
  options?: GetTableEntityOptions,
): Promise<GetTableEntityResponse<TableEntityResult<T>> | null> {
  try {
    return await table.getEntity<T>(partitionKey, rowKey, options);
  } catch (err) {
    if (restStatus(err) === 404) return null;
    throw err;
  }
}
