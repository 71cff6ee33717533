// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// kg_isomorphic: tell whether two RDF files hold the same graph, up to a
// renaming of blank nodes, with libkgraph.  Used by the store tests.

#include <kgraph/kgraph.h>

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char* const usage =
  "Usage: kg_isomorphic [OPTION]... A B\n"
  "Exit with status 0 iff the graphs in files A and B are isomorphic (equal\n"
  "up to a renaming of blank nodes); otherwise print a triple that is in\n"
  "only one of them, and exit with status 1.\n"
  "\n"
  "Options:\n"
  "      --from=FORMAT      syntax of A and B (default: from the extension)\n"
  "      --from-a=FORMAT    syntax of A\n"
  "      --from-b=FORMAT    syntax of B\n"
  "      --normalize=NAME   compare after a normalisation of both graphs:\n"
  "                         virtuoso-numbers, the way Virtuoso 7 stores\n"
  "                         numbers: xsd:decimal and xsd:integer in their\n"
  "                         shortest form (\"1.50\" is \"1.5\", \"+007\" is\n"
  "                         \"7\"), and an xsd:integer outside of the 32-bit\n"
  "                         range typed xsd:decimal\n"
  "  -h, --help             display this help and exit\n"
  "\n"
  "Exit status: 0 isomorphic, 1 not isomorphic, 2 trouble.\n";

#define XSD_DECIMAL KG_XSD_NS "decimal"
#define XSD_INTEGER KG_XSD_NS "integer"

/// Copies terms of one graph into another, each once.
typedef struct {
  const KgGraph* src;
  KgGraph*       dst;
  KgTermId*      map; ///< Term of `dst` for each term of `src`, or 0
  bool           virtuoso_numbers;
} Copier;

/**
   Write the shortest form of the xsd:decimal (or, if `integer`, the
   xsd:integer) lexical form `lex` into `out`.

   @param int32 Set to whether the value fits a signed 32-bit integer.
   @return false if `lex` is not a valid lexical form, or is too long.
*/
static bool
shortest_number(const KgStringView lex,
                const bool         integer,
                char* const        out,
                const size_t       size,
                bool* const        int32)
{
  const char* p        = lex.data;
  const char* end      = lex.data + lex.len;
  bool        negative = false;
  if (p < end && (*p == '+' || *p == '-')) {
    negative = *p++ == '-';
  }

  const char* const int_start = p;
  while (p < end && *p >= '0' && *p <= '9') {
    ++p;
  }
  const char* const int_end    = p;
  const char*       frac_start = p;
  const char*       frac_end   = p;
  if (!integer && p < end && *p == '.') {
    frac_start = ++p;
    while (p < end && *p >= '0' && *p <= '9') {
      ++p;
    }
    frac_end = p;
  }
  if (p != end || (int_start == int_end && frac_start == frac_end)) {
    return false;
  }

  const char* i = int_start;
  while (i < int_end && *i == '0') {
    ++i;
  }
  const char* f = frac_end;
  while (f > frac_start && f[-1] == '0') {
    --f;
  }

  const size_t int_len  = (size_t)(int_end - i);
  const size_t frac_len = (size_t)(f - frac_start);
  negative              = negative && (int_len || frac_len);
  const int n           = snprintf(out,
                         size,
                         "%s%.*s%s%.*s",
                         negative ? "-" : "",
                         int_len ? (int)int_len : 1,
                         int_len ? i : "0",
                         frac_len ? "." : "",
                         (int)frac_len,
                         frac_start);
  if (n < 0 || (size_t)n >= size) {
    return false;
  }

  *int32 = !frac_len &&
           (int_len < 10U ||
            (int_len == 10U &&
             strncmp(i, negative ? "2147483648" : "2147483647", 10U) <= 0));
  return true;
}

static KgTermId
copy_term(Copier* const c, const KgTermId id)
{
  if (c->map[id]) {
    return c->map[id];
  }

  const KgStringView text = kg_term_text(c->src, id);
  KgTermId           copy = KG_NO_TERM;
  switch (kg_term_kind(c->src, id)) {
  case KG_TERM_IRI:
    copy = kg_graph_iri(c->dst, text);
    break;
  case KG_TERM_BLANK:
    copy = kg_graph_fresh_blank(c->dst);
    break;
  case KG_TERM_LITERAL: {
    const KgTermId     dt      = kg_term_datatype(c->src, id);
    const KgStringView lang    = kg_term_lang(c->src, id);
    KgStringView       lexical = text;
    KgStringView       dt_iri  = kg_term_text(c->src, dt);
    char               number[256];
    bool               int32 = false;
    if (c->virtuoso_numbers && !lang.len) {
      const bool is_decimal = kg_sv_equals(dt_iri, KG_SV(XSD_DECIMAL));
      const bool is_integer = kg_sv_equals(dt_iri, KG_SV(XSD_INTEGER));
      if ((is_decimal || is_integer) &&
          shortest_number(text, is_integer, number, sizeof(number), &int32)) {
        lexical = kg_sv(number);
        if (is_integer && !int32) {
          dt_iri = KG_SV(XSD_DECIMAL);
        }
      }
    }
    const KgTermId dt_copy = kg_graph_iri(c->dst, dt_iri);
    copy =
      dt_copy ? kg_graph_literal(c->dst, lexical, dt_copy, lang) : KG_NO_TERM;
    break;
  }
  case KG_TERM_NONE:
    break;
  }
  return c->map[id] = copy;
}

/// Return a copy of `src` (normalised if asked), or NULL.
static KgGraph*
copy_graph(const KgGraph* const src, const bool virtuoso_numbers)
{
  KgGraph* const dst = kg_graph_new();
  Copier         c   = {src,
                        dst,
                        (KgTermId*)calloc(kg_graph_n_terms(src) + 1U, sizeof(KgTermId)),
                        virtuoso_numbers};
  bool           ok  = dst && c.map;
  for (size_t i = 0U; ok && i < kg_graph_size(src); ++i) {
    const KgTriple t = kg_graph_triples(src)[i];
    const KgTermId s = copy_term(&c, t.s);
    const KgTermId p = copy_term(&c, t.p);
    const KgTermId o = copy_term(&c, t.o);
    ok               = s && p && o && kg_graph_add(dst, s, p, o) <= KG_FAILURE;
  }
  free(c.map);
  if (!ok) {
    kg_graph_free(dst);
    return NULL;
  }
  return dst;
}

/// Print triple number `index` of `graph` as N-Triples, after `prefix`.
static void
print_triple(const char* const    prefix,
             const KgGraph* const graph,
             const size_t         index)
{
  KgGraph* const one = kg_graph_new();
  Copier         c   = {graph,
                        one,
                        (KgTermId*)calloc(kg_graph_n_terms(graph) + 1U, sizeof(KgTermId)),
                        false};
  if (one && c.map) {
    const KgTriple       t       = kg_graph_triples(graph)[index];
    const KgWriteOptions options = {.syntax = KG_SYNTAX_NTRIPLES};
    fputs(prefix, stdout);
    if (kg_graph_add(
          one, copy_term(&c, t.s), copy_term(&c, t.p), copy_term(&c, t.o)) >
          KG_FAILURE ||
        kg_graph_write(one, stdout, &options)) {
      fputs("(cannot show this triple)\n", stdout);
    }
  }
  free(c.map);
  kg_graph_free(one);
}

static bool
is_ground(const KgGraph* const graph, const KgTriple t)
{
  return !kg_term_is_blank(graph, t.s) && !kg_term_is_blank(graph, t.o);
}

/// Return true iff terms `x` and `y` of `g` are equal, or both blank nodes.
static bool
same_or_blank(const KgGraph* const g, const KgTermId x, const KgTermId y)
{
  return x == y || (kg_term_is_blank(g, x) && kg_term_is_blank(g, y));
}

/**
   Print a triple of `a` that is not in `b` under any renaming of blank
   nodes: a ground triple missing from `b`, or a triple with a blank node
   that no triple of `b` matches with blank nodes as wildcards.
   @return true iff such a triple was found.
*/
static bool
print_only_in(const char* const    name,
              const KgGraph* const a,
              const KgGraph* const b)
{
  // In the union of b and a, terms other than blank nodes are shared, and
  // the triples after b's are those of a that b does not hold as they are
  KgGraph* const u = kg_graph_new();
  if (!u || kg_graph_add_graph(u, b) > KG_FAILURE ||
      kg_graph_add_graph(u, a) > KG_FAILURE ||
      kg_graph_index(u, KG_PREDICATE)) {
    kg_graph_free(u);
    return false;
  }

  char prefix[1100];
  snprintf(prefix, sizeof(prefix), "only in %s: ", name);
  const KgTriple* const triples = kg_graph_triples(u);
  const size_t          n_b     = kg_graph_size(b);
  bool                  found   = false;
  for (int pass = 0; pass < 2 && !found; ++pass) {
    for (size_t i = n_b; !found && i < kg_graph_size(u); ++i) {
      const KgTriple t = triples[i];
      if (pass == 0) {
        found = is_ground(u, t);
      } else {
        size_t          n    = 0U;
        const uint32_t* uses = kg_graph_lookup(u, KG_PREDICATE, t.p, &n);
        found                = true;
        for (size_t j = 0U; found && j < n; ++j) {
          const KgTriple other = triples[uses[j]];
          found = uses[j] >= n_b || !same_or_blank(u, t.s, other.s) ||
                  !same_or_blank(u, t.o, other.o);
        }
      }
      if (found) {
        print_triple(prefix, u, i);
      }
    }
  }
  kg_graph_free(u);
  return found;
}

static KgGraph*
load(const char* const path, const KgSyntax syntax)
{
  KgGraph* const      graph   = kg_graph_new();
  const KgReadOptions options = {
    .syntax = syntax,
    .log    = {kg_log_to_stream, stderr},
  };
  if (!graph) {
    fprintf(stderr, "kg_isomorphic: out of memory\n");
    return NULL;
  }
  const KgStatus st = kg_graph_read_file(graph, path, &options);
  if (st) {
    fprintf(
      stderr, "kg_isomorphic: cannot read '%s': %s\n", path, kg_strerror(st));
    kg_graph_free(graph);
    return NULL;
  }
  return graph;
}

static bool
parse_syntax(const char* const name, KgSyntax* const syntax)
{
  *syntax = kg_syntax_by_name(name);
  if (!kg_syntax_can_read(*syntax)) {
    char known[256];
    (void)kg_syntax_list(false, known, sizeof(known));
    fprintf(stderr,
            "kg_isomorphic: unknown input format '%s' (known: %s)\n",
            name,
            known);
    return false;
  }
  return true;
}

int
main(int argc, char** argv)
{
  static const struct option long_opts[] = {
    {"from", required_argument, NULL, 'F'},
    {"from-a", required_argument, NULL, 'a'},
    {"from-b", required_argument, NULL, 'b'},
    {"normalize", required_argument, NULL, 'N'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
  };

  KgSyntax from_a           = KG_SYNTAX_NONE;
  KgSyntax from_b           = KG_SYNTAX_NONE;
  bool     virtuoso_numbers = false;
  int      c                = 0;
  while ((c = getopt_long(argc, argv, "h", long_opts, NULL)) != -1) {
    switch (c) {
    case 'F':
      if (!parse_syntax(optarg, &from_a)) {
        return 2;
      }
      from_b = from_a;
      break;
    case 'a':
      if (!parse_syntax(optarg, &from_a)) {
        return 2;
      }
      break;
    case 'b':
      if (!parse_syntax(optarg, &from_b)) {
        return 2;
      }
      break;
    case 'N':
      if (strcmp(optarg, "virtuoso-numbers")) {
        fprintf(stderr,
                "kg_isomorphic: unknown normalisation '%s' (known: "
                "virtuoso-numbers)\n",
                optarg);
        return 2;
      }
      virtuoso_numbers = true;
      break;
    case 'h':
      fputs(usage, stdout);
      return 0;
    default:
      fputs(usage, stderr);
      return 2;
    }
  }
  if (argc - optind != 2) {
    fputs(usage, stderr);
    return 2;
  }

  const char* const name_a = argv[optind];
  const char* const name_b = argv[optind + 1];
  KgGraph*          a      = load(name_a, from_a);
  KgGraph*          b      = a ? load(name_b, from_b) : NULL;
  if (!b) {
    kg_graph_free(a);
    return 2;
  }

  if (virtuoso_numbers) {
    KgGraph* const na = copy_graph(a, true);
    KgGraph* const nb = copy_graph(b, true);
    kg_graph_free(a);
    kg_graph_free(b);
    a = na;
    b = nb;
    if (!a || !b) {
      fprintf(stderr, "kg_isomorphic: out of memory\n");
      kg_graph_free(a);
      kg_graph_free(b);
      return 2;
    }
  }

  KgStatus   st     = KG_SUCCESS;
  const bool same   = kg_graph_is_isomorphic(a, b, &st);
  int        status = same ? 0 : 1;
  if (st) {
    fprintf(stderr, "kg_isomorphic: %s\n", kg_strerror(st));
    status = 2;
  } else if (!same) {
    printf("%s: %zu triples, %s: %zu triples\n",
           name_a,
           kg_graph_size(a),
           name_b,
           kg_graph_size(b));
    const bool in_a = print_only_in(name_a, a, b);
    const bool in_b = print_only_in(name_b, b, a);
    if (!in_a && !in_b) {
      printf("every triple matches one of the other graph: the graphs differ "
             "in how their blank nodes connect\n");
    }
  }

  kg_graph_free(a);
  kg_graph_free(b);
  return status;
}
