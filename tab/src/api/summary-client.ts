/** @module The summary section's calls: the preview (card and record) and the record as a Markdown or JSON file. Loaded with the section, not in the first bundle. */
import type { Locale } from "../../../shared/src/i18n/format.js";
import type { PostSummaryResponse } from "../../../shared/src/summary/post-protocol.js";
import type { SummaryResponse } from "../../../shared/src/summary/wire.js";
import { errorFromResponse } from "./api-client.js";

/** A request on this meeting's API path (`/summary`, `/record?…`) with the panel's token. */
export type MeetingFetch = (rest: string, init?: RequestInit) => Promise<Response>;

export type RecordFormat = "md" | "json";

export interface RecordFile {
  readonly filename: string;
  readonly blob: Blob;
}

export interface SummaryClient {
  preview(locale: Locale, signal?: AbortSignal): Promise<SummaryResponse>;
  download(format: RecordFormat, locale: Locale): Promise<RecordFile>;
  /** Posts the card to the channel, or updates the post (`id`: client-made; a retry sends the same). */
  post(id: string, locale: Locale): Promise<PostSummaryResponse>;
}

/** The name the service gave the file, when it is a plain one; ours otherwise. */
export function filenameOf(disposition: string | null, format: RecordFormat): string {
  const name = /filename="([\w.-]{1,100})"/.exec(disposition ?? "")?.[1];
  return name ?? `okr-meeting.${format}`;
}

export function summaryClient(fetchMeeting: MeetingFetch): SummaryClient {
  return {
    async preview(locale, signal) {
      const res = await fetchMeeting(`/summary?lang=${locale}`, { headers: { accept: "application/json" }, ...(signal ? { signal } : {}) });
      if (!res.ok) throw await errorFromResponse(res);
      return (await res.json()) as SummaryResponse;
    },
    async download(format, locale) {
      const res = await fetchMeeting(`/record?format=${format}&lang=${locale}`);
      if (!res.ok) throw await errorFromResponse(res);
      return { filename: filenameOf(res.headers.get("content-disposition"), format), blob: await res.blob() };
    },
    async post(id, locale) {
      const res = await fetchMeeting("/summary/post", { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify({ id, locale }) });
      if (!res.ok) throw await errorFromResponse(res);
      return (await res.json()) as PostSummaryResponse;
    },
  };
}
