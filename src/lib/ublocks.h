// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_SRC_UBLOCKS_H
#define KG_SRC_UBLOCKS_H

#include <kgraph/status.h>

#include <stddef.h>
#include <stdint.h>

/// A Unicode block: its name, folded, and its code points.
typedef struct {
  const char* name;  ///< Lower case, without spaces, hyphens or underscores
  uint32_t    first; ///< First code point
  uint32_t    last;  ///< Last code point
} KgUnicodeBlock;

/**
   Find the Unicode block named `name`, compared as UAX #44 says (case,
   spaces, hyphens and underscores aside): "BasicLatin", "Latin-1
   Supplement", "cjk unified ideographs".

   XML Schema 1.0's older names are known too, and one of them,
   "PrivateUse", has three ranges (in order).

   @param n_ranges Set to the number of ranges (0 if there is no such
   block).
   @return The first range, or NULL.
*/
const KgUnicodeBlock*
kg_unicode_block(KgStringView name, size_t* n_ranges);

#endif // KG_SRC_UBLOCKS_H
