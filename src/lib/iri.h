// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#ifndef KG_SRC_IRI_H
#define KG_SRC_IRI_H

#include "buffer.h"

#include <kgraph/status.h>

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
KgStatus
kg_iri_resolve_into(KgBuffer* out, KgStringView base, KgStringView reference);

#endif // KG_SRC_IRI_H
