/**
 * @module The one schema for text a person types (titles, answers, names, comments): NFC-normalised, trimmed of
 * white space and invisible characters at both ends before its length is checked, and refused when it carries what
 * only ever serves to hide or break things: control characters other than line breaks and tabs, unpaired surrogates
 * (not text; they break JSON and storage elsewhere), and bidi embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069), which make a name or a link read differently from what it is.
 */
import { z } from "zod";

/** White space plus the zero-width characters a title can consist of and still look empty. */
const EDGE = /^[\s\u180e\u200b-\u200d\u2060\ufeff]+|[\s\u180e\u200b-\u200d\u2060\ufeff]+$/gu;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused.
const REFUSED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/u;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const REFUSED_TEXT_MESSAGE = "must not contain control characters, unpaired surrogates or text-direction overrides";

/** Removes white space and zero-width characters at both ends. */
export const trimText = (s: string): string => s.replace(EDGE, "");

/** True when the text may be stored (see the module comment). */
export const isCleanText = (s: string): boolean => !LONE_SURROGATE.test(s) && !REFUSED.test(s);

/** A string that is cleaned and trimmed before its length is checked, so padding never counts and never gets stored. */
export const trimmed = (max: number, min: 0 | 1 = 0) =>
  z
    .string()
    .refine(isCleanText, REFUSED_TEXT_MESSAGE)
    .transform((s) => trimText(s.normalize("NFC")))
    .pipe(z.string().min(min, "must not be empty").max(max, `must be at most ${max} characters`));
