// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include <kgraph/kgraph.h>
#include <kgraph/status.h>

const char*
kg_strerror(const KgStatus st)
{
  switch (st) {
  case KG_SUCCESS:
    return "success";
  case KG_FAILURE:
    return "no result";
  case KG_BAD_ALLOC:
    return "out of memory";
  case KG_BAD_ARG:
    return "invalid argument";
  case KG_BAD_READ:
    return "cannot read input";
  case KG_BAD_WRITE:
    return "cannot write output";
  case KG_BAD_SYNTAX:
    return "syntax error";
  case KG_BAD_TEXT:
    return "invalid text";
  case KG_BAD_URI:
    return "invalid IRI";
  case KG_BAD_DATA:
    return "invalid data";
  case KG_BAD_INTERNAL:
    return "internal error";
  case KG_BAD_LIMIT:
    return "limit exceeded";
  case KG_BAD_UNSUPPORTED:
    return "not built into this kgraph";
  }
  return "unknown error";
}

// KG_VERSION comes from meson.build's project version, as the headers' does
const char*
kg_version(void)
{
  return KG_VERSION;
}
