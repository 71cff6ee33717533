// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/// @file text.h Checks of text at the border: UTF-8, language tags, IRIs.

#ifndef KG_TEXT_H
#define KG_TEXT_H

#include <kgraph/status.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
   Check that `text` is UTF-8 as RDF allows it: shortest forms only, no
   surrogate code points (U+D800 to U+DFFF), nothing beyond U+10FFFF.
   NUL is allowed (a literal may hold it).

   @param offset If not NULL, set to the offset of the first bad byte.
   @return KG_SUCCESS, or KG_BAD_TEXT.
*/
KG_API KG_NODISCARD KgStatus
kg_utf8_check(KgStringView text, size_t* offset);

/**
   Decode the code point at the start of `text`, which must be valid UTF-8.

   @param len Set to the number of bytes of the code point (1 to 4).
   @return The code point, or 0xFFFFFFFF if `text` does not start with a
   valid, shortest-form UTF-8 sequence.
*/
KG_API uint32_t
kg_utf8_decode(KgStringView text, size_t* len);

/**
   Decode the code point at `text.data[*offset]` and advance `*offset` past
   it, or by one byte if it is not valid UTF-8.

   @return The code point, or 0xFFFFFFFF as kg_utf8_decode().
*/
KG_API uint32_t
kg_utf8_next(KgStringView text, size_t* offset);

/**
   Return true iff `tag` is a well-formed language tag (BCP 47, RFC 5646
   section 2.1: langtag, private use or grandfathered), case-insensitively.
*/
KG_API bool
kg_langtag_is_valid(KgStringView tag);

/**
   Check that `iri` holds no character that RDF forbids in an IRI: controls
   and space (U+0000 to U+0020), `<`, `>`, `"`, `{`, `}`, `|`, `^`, "`" and
   `\`.  `iri` must already be valid UTF-8.

   @param offset If not NULL, set to the offset of the first bad byte.
   @return KG_SUCCESS, or KG_BAD_URI.
*/
KG_API KG_NODISCARD KgStatus
kg_iri_check(KgStringView iri, size_t* offset);

/// Return true iff `iri` starts with a scheme and a colon (RFC 3986 3.1).
KG_API bool
kg_iri_is_absolute(KgStringView iri);

/**
   Resolve `reference` against the absolute IRI `base` (RFC 3986 5.2, with
   the dot-segment removal of 5.2.4).

   An absolute `reference` is returned with its dot segments removed.

   @return A string to free with kg_free(), or NULL if `base` is not
   absolute (and `reference` is relative) or memory runs out.
*/
KG_API char*
kg_iri_resolve(KgStringView base, KgStringView reference);

/**
   Return `text` made safe for a person's terminal: control characters (C0,
   DEL, C1), bidirectional controls (U+061C, U+200E, U+200F, U+202A to
   U+202E, U+2066 to U+2069) and bytes that are not UTF-8 are escaped as
   `\uXXXX` or `\xHH`, line breaks as `\n` and `\r`; the rest, backslashes
   too, is kept as it is.  For text from elsewhere (a server's answer, a
   file name) that is printed in a message.

   @return A string to free with kg_free(), or NULL if memory runs out.
*/
KG_API char*
kg_text_for_people(KgStringView text);

/**
   Write `text` to `stream` for a person's terminal: control characters
   (C0, DEL and C1), bidirectional controls (U+061C, U+200E, U+200F,
   U+202A to U+202E, U+2066 to U+2069) and surrogates as `\uXXXX`, line
   breaks and tabs as `\n`, `\r` and `\t`, bytes that are not UTF-8 as
   `\xHH`; everything else, quotes and backslashes too, as it is.  No text
   from a graph or a command line can then make a terminal act, or reorder
   what a reader sees.

   @return KG_SUCCESS, or KG_BAD_WRITE if writing failed.
*/
KG_API KG_NODISCARD KgStatus
kg_print_for_people(FILE* stream, KgStringView text);

#ifdef __cplusplus
} // extern "C"
#endif

#endif // KG_TEXT_H
