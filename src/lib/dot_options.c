// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Pictures: what every build has, with or without Graphviz (meson option
// `dot`): the default options, the built-in style, and whether pictures
// are built in (KG_DOT, set by src/meson.build).

#include <kgraph/dot.h>

#include <stdbool.h>
#include <string.h>

// ontology/style.ttl, generated into style_data.c
extern const char kg_style_ttl[];

void
kg_dot_options_init(KgDotOptions* const options)
{
  memset(options, 0, sizeof(*options));
  options->lang      = "en";
  options->literals  = KG_DOT_LITERALS_TABLE;
  options->max_label = 60U;
  options->depth     = 1U;
  options->max_nodes = KG_DOT_MAX_NODES;
  options->max_size  = KG_DOT_MAX_SIZE;
  options->max_rows  = KG_DOT_MAX_ROWS;
}

const char*
kg_dot_default_style(void)
{
  return kg_style_ttl;
}

bool
kg_dot_available(void)
{
  return KG_DOT != 0;
}
