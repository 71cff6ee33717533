// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

/// @file kgraph.h The whole kgraph API.

#ifndef KG_KGRAPH_H
#define KG_KGRAPH_H

#include <kgraph/canon.h>  // IWYU pragma: export
#include <kgraph/check.h>  // IWYU pragma: export
#include <kgraph/diff.h>   // IWYU pragma: export
#include <kgraph/dot.h>    // IWYU pragma: export
#include <kgraph/graph.h>  // IWYU pragma: export
#include <kgraph/patch.h>  // IWYU pragma: export
#include <kgraph/shacl.h>  // IWYU pragma: export
#include <kgraph/shacl_report.h> // IWYU pragma: export
#include <kgraph/status.h> // IWYU pragma: export
#include <kgraph/syntax.h> // IWYU pragma: export
#include <kgraph/text.h>   // IWYU pragma: export
#include <kgraph/version.h> // IWYU pragma: export

#ifdef __cplusplus
extern "C" {
#endif

/// Return the version of the library, as "MAJOR.MINOR.MICRO".
KG_API const char*
kg_version(void);

#ifdef __cplusplus
} // extern "C"
#endif

#endif // KG_KGRAPH_H
