// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_SRC_IRI_H
#define KG_SRC_IRI_H

#include "buffer.h"

#include <kgraph/status.h>

#include <stdbool.h>

/**
   Resolve `reference` against the absolute IRI `base`, as kg_iri_resolve()
   does, and append the result to `out`.

   This is the variant for readers that resolve every relative IRI of a
   document: it allocates nothing but the room it needs in `out`, at most
   once per call.  Neither `base` nor `reference` may point into `out`,
   which may move.

   @return KG_SUCCESS, KG_BAD_URI if `base` is not absolute while `reference`
   is relative, or KG_BAD_ALLOC; on error `out` is unchanged.
*/
KG_NODISCARD KgStatus
kg_iri_resolve_into(KgBuffer* out, KgStringView base, KgStringView reference);

/**
   Check the text of the IRI `iri` as a term: valid UTF-8, no character
   that RDF forbids in IRIs and, if `absolute`, absolute.  If it is not,
   append what is wrong to `why`, for a message ("character ' ' is not
   allowed in IRI '...'").

   @return KG_SUCCESS, KG_BAD_TEXT (UTF-8) or KG_BAD_URI.
*/
KG_NODISCARD KgStatus
kg_iri_explain(KgBuffer* why, KgStringView iri, bool absolute);

#endif // KG_SRC_IRI_H
