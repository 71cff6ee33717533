// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

#include "params.h"

#include "iri.h"

#include "buffer.h"

#include <kgraph/status.h>
#include <kgraph/text.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

typedef struct {
  const char* base;
  const char* reference;
  const char* expected;
} ResolveCase;

static void
check_resolve(const ResolveCase* const c)
{
  char* const result = kg_iri_resolve(kg_sv(c->base), kg_sv(c->reference));
  cr_assert_not_null(result, "<%s> against <%s>", c->reference, c->base);
  cr_expect_str_eq(result,
                   c->expected,
                   "<%s> against <%s> gave <%s>, not <%s>",
                   c->reference,
                   c->base,
                   result,
                   c->expected);
  kg_free(result);

  // The fast variant appends, and keeps the buffer NUL-terminated
  KgBuffer buf = KG_BUFFER_INIT;
  cr_assert_eq(kg_buffer_append_str(&buf, "<"), KG_SUCCESS);
  cr_assert_eq(kg_iri_resolve_into(&buf, kg_sv(c->base), kg_sv(c->reference)),
               KG_SUCCESS);
  cr_expect_eq(buf.len, 1U + strlen(c->expected));
  cr_expect_eq(buf.data[buf.len], '\0');
  cr_expect_eq(buf.data[0], '<');
  cr_expect_str_eq(buf.data + 1, c->expected);
  kg_buffer_fini(&buf);
}

/*
  RFC 3986 section 5.4 (base http://a/b/c/d;p?q)
*/

static const ResolveCase rfc3986_examples[] = {
  // 5.4.1 Normal examples
  {"http://a/b/c/d;p?q", "g:h", "g:h"},
  {"http://a/b/c/d;p?q", "g", "http://a/b/c/g"},
  {"http://a/b/c/d;p?q", "./g", "http://a/b/c/g"},
  {"http://a/b/c/d;p?q", "g/", "http://a/b/c/g/"},
  {"http://a/b/c/d;p?q", "/g", "http://a/g"},
  {"http://a/b/c/d;p?q", "//g", "http://g"},
  {"http://a/b/c/d;p?q", "?y", "http://a/b/c/d;p?y"},
  {"http://a/b/c/d;p?q", "g?y", "http://a/b/c/g?y"},
  {"http://a/b/c/d;p?q", "#s", "http://a/b/c/d;p?q#s"},
  {"http://a/b/c/d;p?q", "g#s", "http://a/b/c/g#s"},
  {"http://a/b/c/d;p?q", "g?y#s", "http://a/b/c/g?y#s"},
  {"http://a/b/c/d;p?q", ";x", "http://a/b/c/;x"},
  {"http://a/b/c/d;p?q", "g;x", "http://a/b/c/g;x"},
  {"http://a/b/c/d;p?q", "g;x?y#s", "http://a/b/c/g;x?y#s"},
  {"http://a/b/c/d;p?q", "", "http://a/b/c/d;p?q"},
  {"http://a/b/c/d;p?q", ".", "http://a/b/c/"},
  {"http://a/b/c/d;p?q", "./", "http://a/b/c/"},
  {"http://a/b/c/d;p?q", "..", "http://a/b/"},
  {"http://a/b/c/d;p?q", "../", "http://a/b/"},
  {"http://a/b/c/d;p?q", "../g", "http://a/b/g"},
  {"http://a/b/c/d;p?q", "../..", "http://a/"},
  {"http://a/b/c/d;p?q", "../../", "http://a/"},
  {"http://a/b/c/d;p?q", "../../g", "http://a/g"},
  // 5.4.2 Abnormal examples
  {"http://a/b/c/d;p?q", "../../../g", "http://a/g"},
  {"http://a/b/c/d;p?q", "../../../../g", "http://a/g"},
  {"http://a/b/c/d;p?q", "/./g", "http://a/g"},
  {"http://a/b/c/d;p?q", "/../g", "http://a/g"},
  {"http://a/b/c/d;p?q", "g.", "http://a/b/c/g."},
  {"http://a/b/c/d;p?q", ".g", "http://a/b/c/.g"},
  {"http://a/b/c/d;p?q", "g..", "http://a/b/c/g.."},
  {"http://a/b/c/d;p?q", "..g", "http://a/b/c/..g"},
  {"http://a/b/c/d;p?q", "./../g", "http://a/b/g"},
  {"http://a/b/c/d;p?q", "./g/.", "http://a/b/c/g/"},
  {"http://a/b/c/d;p?q", "g/./h", "http://a/b/c/g/h"},
  {"http://a/b/c/d;p?q", "g/../h", "http://a/b/c/h"},
  {"http://a/b/c/d;p?q", "g;x=1/./y", "http://a/b/c/g;x=1/y"},
  {"http://a/b/c/d;p?q", "g;x=1/../y", "http://a/b/c/y"},
  {"http://a/b/c/d;p?q", "g?y/./x", "http://a/b/c/g?y/./x"},
  {"http://a/b/c/d;p?q", "g?y/../x", "http://a/b/c/g?y/../x"},
  {"http://a/b/c/d;p?q", "g#s/./x", "http://a/b/c/g#s/./x"},
  {"http://a/b/c/d;p?q", "g#s/../x", "http://a/b/c/g#s/../x"},
  {"http://a/b/c/d;p?q", "http:g", "http:g"}, // Strict parser
};

ParameterizedTestParameters(iri, rfc3986_examples)
{
  INDEX_PARAMS(rfc3986_examples);
}

ParameterizedTest(size_t* i, iri, rfc3986_examples)
{
  check_resolve(&rfc3986_examples[*i]);
}

/*
  W3C Turtle tests IRI-resolution-01, -02, -07 and -08 (rdf11/rdf-turtle in
  the shared conformance suites): every statement of each .ttl, with the
  object that the .nt of the test gives for it
*/

static const ResolveCase w3c_turtle_resolution[] = {
  // IRI-resolution-01
  {"http://a/bb/ccc/d;p?q", "g:h", "g:h"},
  {"http://a/bb/ccc/d;p?q", "g", "http://a/bb/ccc/g"},
  {"http://a/bb/ccc/d;p?q", "./g", "http://a/bb/ccc/g"},
  {"http://a/bb/ccc/d;p?q", "g/", "http://a/bb/ccc/g/"},
  {"http://a/bb/ccc/d;p?q", "/g", "http://a/g"},
  {"http://a/bb/ccc/d;p?q", "//g", "http://g"},
  {"http://a/bb/ccc/d;p?q", "?y", "http://a/bb/ccc/d;p?y"},
  {"http://a/bb/ccc/d;p?q", "g?y", "http://a/bb/ccc/g?y"},
  {"http://a/bb/ccc/d;p?q", "#s", "http://a/bb/ccc/d;p?q#s"},
  {"http://a/bb/ccc/d;p?q", "g#s", "http://a/bb/ccc/g#s"},
  {"http://a/bb/ccc/d;p?q", "g?y#s", "http://a/bb/ccc/g?y#s"},
  {"http://a/bb/ccc/d;p?q", ";x", "http://a/bb/ccc/;x"},
  {"http://a/bb/ccc/d;p?q", "g;x", "http://a/bb/ccc/g;x"},
  {"http://a/bb/ccc/d;p?q", "g;x?y#s", "http://a/bb/ccc/g;x?y#s"},
  {"http://a/bb/ccc/d;p?q", "", "http://a/bb/ccc/d;p?q"},
  {"http://a/bb/ccc/d;p?q", ".", "http://a/bb/ccc/"},
  {"http://a/bb/ccc/d;p?q", "./", "http://a/bb/ccc/"},
  {"http://a/bb/ccc/d;p?q", "..", "http://a/bb/"},
  {"http://a/bb/ccc/d;p?q", "../", "http://a/bb/"},
  {"http://a/bb/ccc/d;p?q", "../g", "http://a/bb/g"},
  {"http://a/bb/ccc/d;p?q", "../..", "http://a/"},
  {"http://a/bb/ccc/d;p?q", "../../", "http://a/"},
  {"http://a/bb/ccc/d;p?q", "../../g", "http://a/g"},
  {"http://a/bb/ccc/d;p?q", "../../../g", "http://a/g"},
  {"http://a/bb/ccc/d;p?q", "../../../../g", "http://a/g"},
  {"http://a/bb/ccc/d;p?q", "/./g", "http://a/g"},
  {"http://a/bb/ccc/d;p?q", "/../g", "http://a/g"},
  {"http://a/bb/ccc/d;p?q", "g.", "http://a/bb/ccc/g."},
  {"http://a/bb/ccc/d;p?q", ".g", "http://a/bb/ccc/.g"},
  {"http://a/bb/ccc/d;p?q", "g..", "http://a/bb/ccc/g.."},
  {"http://a/bb/ccc/d;p?q", "..g", "http://a/bb/ccc/..g"},
  {"http://a/bb/ccc/d;p?q", "./../g", "http://a/bb/g"},
  {"http://a/bb/ccc/d;p?q", "./g/.", "http://a/bb/ccc/g/"},
  {"http://a/bb/ccc/d;p?q", "g/./h", "http://a/bb/ccc/g/h"},
  {"http://a/bb/ccc/d;p?q", "g/../h", "http://a/bb/ccc/h"},
  {"http://a/bb/ccc/d;p?q", "g;x=1/./y", "http://a/bb/ccc/g;x=1/y"},
  {"http://a/bb/ccc/d;p?q", "g;x=1/../y", "http://a/bb/ccc/y"},
  {"http://a/bb/ccc/d;p?q", "g?y/./x", "http://a/bb/ccc/g?y/./x"},
  {"http://a/bb/ccc/d;p?q", "g?y/../x", "http://a/bb/ccc/g?y/../x"},
  {"http://a/bb/ccc/d;p?q", "g#s/./x", "http://a/bb/ccc/g#s/./x"},
  {"http://a/bb/ccc/d;p?q", "g#s/../x", "http://a/bb/ccc/g#s/../x"},
  // IRI-resolution-02
  {"http://a/bb/ccc/d/", "g:h", "g:h"},
  {"http://a/bb/ccc/d/", "g", "http://a/bb/ccc/d/g"},
  {"http://a/bb/ccc/d/", "./g", "http://a/bb/ccc/d/g"},
  {"http://a/bb/ccc/d/", "g/", "http://a/bb/ccc/d/g/"},
  {"http://a/bb/ccc/d/", "/g", "http://a/g"},
  {"http://a/bb/ccc/d/", "//g", "http://g"},
  {"http://a/bb/ccc/d/", "?y", "http://a/bb/ccc/d/?y"},
  {"http://a/bb/ccc/d/", "g?y", "http://a/bb/ccc/d/g?y"},
  {"http://a/bb/ccc/d/", "#s", "http://a/bb/ccc/d/#s"},
  {"http://a/bb/ccc/d/", "g#s", "http://a/bb/ccc/d/g#s"},
  {"http://a/bb/ccc/d/", "g?y#s", "http://a/bb/ccc/d/g?y#s"},
  {"http://a/bb/ccc/d/", ";x", "http://a/bb/ccc/d/;x"},
  {"http://a/bb/ccc/d/", "g;x", "http://a/bb/ccc/d/g;x"},
  {"http://a/bb/ccc/d/", "g;x?y#s", "http://a/bb/ccc/d/g;x?y#s"},
  {"http://a/bb/ccc/d/", "", "http://a/bb/ccc/d/"},
  {"http://a/bb/ccc/d/", ".", "http://a/bb/ccc/d/"},
  {"http://a/bb/ccc/d/", "./", "http://a/bb/ccc/d/"},
  {"http://a/bb/ccc/d/", "..", "http://a/bb/ccc/"},
  {"http://a/bb/ccc/d/", "../", "http://a/bb/ccc/"},
  {"http://a/bb/ccc/d/", "../g", "http://a/bb/ccc/g"},
  {"http://a/bb/ccc/d/", "../..", "http://a/bb/"},
  {"http://a/bb/ccc/d/", "../../", "http://a/bb/"},
  {"http://a/bb/ccc/d/", "../../g", "http://a/bb/g"},
  {"http://a/bb/ccc/d/", "../../../g", "http://a/g"},
  {"http://a/bb/ccc/d/", "../../../../g", "http://a/g"},
  {"http://a/bb/ccc/d/", "/./g", "http://a/g"},
  {"http://a/bb/ccc/d/", "/../g", "http://a/g"},
  {"http://a/bb/ccc/d/", "g.", "http://a/bb/ccc/d/g."},
  {"http://a/bb/ccc/d/", ".g", "http://a/bb/ccc/d/.g"},
  {"http://a/bb/ccc/d/", "g..", "http://a/bb/ccc/d/g.."},
  {"http://a/bb/ccc/d/", "..g", "http://a/bb/ccc/d/..g"},
  {"http://a/bb/ccc/d/", "./../g", "http://a/bb/ccc/g"},
  {"http://a/bb/ccc/d/", "./g/.", "http://a/bb/ccc/d/g/"},
  {"http://a/bb/ccc/d/", "g/./h", "http://a/bb/ccc/d/g/h"},
  {"http://a/bb/ccc/d/", "g/../h", "http://a/bb/ccc/d/h"},
  {"http://a/bb/ccc/d/", "g;x=1/./y", "http://a/bb/ccc/d/g;x=1/y"},
  {"http://a/bb/ccc/d/", "g;x=1/../y", "http://a/bb/ccc/d/y"},
  {"http://a/bb/ccc/d/", "g?y/./x", "http://a/bb/ccc/d/g?y/./x"},
  {"http://a/bb/ccc/d/", "g?y/../x", "http://a/bb/ccc/d/g?y/../x"},
  {"http://a/bb/ccc/d/", "g#s/./x", "http://a/bb/ccc/d/g#s/./x"},
  {"http://a/bb/ccc/d/", "g#s/../x", "http://a/bb/ccc/d/g#s/../x"},
  // IRI-resolution-07
  {"file:///a/bb/ccc/d;p?q", "g:h", "g:h"},
  {"file:///a/bb/ccc/d;p?q", "g", "file:///a/bb/ccc/g"},
  {"file:///a/bb/ccc/d;p?q", "./g", "file:///a/bb/ccc/g"},
  {"file:///a/bb/ccc/d;p?q", "g/", "file:///a/bb/ccc/g/"},
  {"file:///a/bb/ccc/d;p?q", "/g", "file:///g"},
  {"file:///a/bb/ccc/d;p?q", "//g", "file://g"},
  {"file:///a/bb/ccc/d;p?q", "?y", "file:///a/bb/ccc/d;p?y"},
  {"file:///a/bb/ccc/d;p?q", "g?y", "file:///a/bb/ccc/g?y"},
  {"file:///a/bb/ccc/d;p?q", "#s", "file:///a/bb/ccc/d;p?q#s"},
  {"file:///a/bb/ccc/d;p?q", "g#s", "file:///a/bb/ccc/g#s"},
  {"file:///a/bb/ccc/d;p?q", "g?y#s", "file:///a/bb/ccc/g?y#s"},
  {"file:///a/bb/ccc/d;p?q", ";x", "file:///a/bb/ccc/;x"},
  {"file:///a/bb/ccc/d;p?q", "g;x", "file:///a/bb/ccc/g;x"},
  {"file:///a/bb/ccc/d;p?q", "g;x?y#s", "file:///a/bb/ccc/g;x?y#s"},
  {"file:///a/bb/ccc/d;p?q", "", "file:///a/bb/ccc/d;p?q"},
  {"file:///a/bb/ccc/d;p?q", ".", "file:///a/bb/ccc/"},
  {"file:///a/bb/ccc/d;p?q", "./", "file:///a/bb/ccc/"},
  {"file:///a/bb/ccc/d;p?q", "..", "file:///a/bb/"},
  {"file:///a/bb/ccc/d;p?q", "../", "file:///a/bb/"},
  {"file:///a/bb/ccc/d;p?q", "../g", "file:///a/bb/g"},
  {"file:///a/bb/ccc/d;p?q", "../..", "file:///a/"},
  {"file:///a/bb/ccc/d;p?q", "../../", "file:///a/"},
  {"file:///a/bb/ccc/d;p?q", "../../g", "file:///a/g"},
  {"file:///a/bb/ccc/d;p?q", "../../../g", "file:///g"},
  {"file:///a/bb/ccc/d;p?q", "../../../../g", "file:///g"},
  {"file:///a/bb/ccc/d;p?q", "/./g", "file:///g"},
  {"file:///a/bb/ccc/d;p?q", "/../g", "file:///g"},
  {"file:///a/bb/ccc/d;p?q", "g.", "file:///a/bb/ccc/g."},
  {"file:///a/bb/ccc/d;p?q", ".g", "file:///a/bb/ccc/.g"},
  {"file:///a/bb/ccc/d;p?q", "g..", "file:///a/bb/ccc/g.."},
  {"file:///a/bb/ccc/d;p?q", "..g", "file:///a/bb/ccc/..g"},
  {"file:///a/bb/ccc/d;p?q", "./../g", "file:///a/bb/g"},
  {"file:///a/bb/ccc/d;p?q", "./g/.", "file:///a/bb/ccc/g/"},
  {"file:///a/bb/ccc/d;p?q", "g/./h", "file:///a/bb/ccc/g/h"},
  {"file:///a/bb/ccc/d;p?q", "g/../h", "file:///a/bb/ccc/h"},
  {"file:///a/bb/ccc/d;p?q", "g;x=1/./y", "file:///a/bb/ccc/g;x=1/y"},
  {"file:///a/bb/ccc/d;p?q", "g;x=1/../y", "file:///a/bb/ccc/y"},
  {"file:///a/bb/ccc/d;p?q", "g?y/./x", "file:///a/bb/ccc/g?y/./x"},
  {"file:///a/bb/ccc/d;p?q", "g?y/../x", "file:///a/bb/ccc/g?y/../x"},
  {"file:///a/bb/ccc/d;p?q", "g#s/./x", "file:///a/bb/ccc/g#s/./x"},
  {"file:///a/bb/ccc/d;p?q", "g#s/../x", "file:///a/bb/ccc/g#s/../x"},
  {"file:///a/bb/ccc/d;p?q", "http:g", "http:g"},
  // IRI-resolution-08
  {"http://abc/def/ghi", ".", "http://abc/def/"},
  {"http://abc/def/ghi", ".?a=b", "http://abc/def/?a=b"},
  {"http://abc/def/ghi", ".#a=b", "http://abc/def/#a=b"},
  {"http://abc/def/ghi", "..", "http://abc/"},
  {"http://abc/def/ghi", "..?a=b", "http://abc/?a=b"},
  {"http://abc/def/ghi", "..#a=b", "http://abc/#a=b"},
  {"http://ab//de//ghi", "xyz", "http://ab//de//xyz"},
  {"http://ab//de//ghi", "./xyz", "http://ab//de//xyz"},
  {"http://ab//de//ghi", "../xyz", "http://ab//de/xyz"},
  {"http://abc/d:f/ghi", "xyz", "http://abc/d:f/xyz"},
  {"http://abc/d:f/ghi", "./xyz", "http://abc/d:f/xyz"},
  {"http://abc/d:f/ghi", "../xyz", "http://abc/xyz"},
};

ParameterizedTestParameters(iri, w3c_turtle_resolution)
{
  INDEX_PARAMS(w3c_turtle_resolution);
}

ParameterizedTest(size_t* i, iri, w3c_turtle_resolution)
{
  check_resolve(&w3c_turtle_resolution[*i]);
}

/*
  Edge cases
*/

static const ResolveCase edge_cases[] = {
  // Base with an authority and an empty path (5.2.3)
  {"http://a", "g", "http://a/g"},
  {"http://a", "", "http://a"},
  {"http://a", "?y", "http://a?y"},
  {"http://a", "#s", "http://a#s"},
  {"http://a", "./", "http://a/"},
  {"http://a", "../g", "http://a/g"},
  {"http://a?q#f", "", "http://a?q"},
  {"file://", "g", "file:///g"},
  {"file:///", "g", "file:///g"},
  // Base with a scheme only, or no "/" in its path
  {"http:", "g", "http:g"},
  {"http:", "", "http:"},
  {"http:", "#s", "http:#s"},
  {"tag:x", "../g", "tag:g"},
  {"urn:a:b", "c", "urn:c"},
  {"urn:isbn:0451450523", "#s", "urn:isbn:0451450523#s"},
  {"urn:isbn:0451450523", "?y", "urn:isbn:0451450523?y"},
  // The fragment of the base is dropped, its query kept only for "" and
  // "#s", and its path taken as it is (dots and all) when the reference
  // has no path
  {"http://a/b/c/d;p?q#f", "", "http://a/b/c/d;p?q"},
  {"http://a/b/c/d;p?q#f", "#s", "http://a/b/c/d;p?q#s"},
  {"http://a/b/c/d;p?q#f", "g", "http://a/b/c/g"},
  {"http://a/b/./c/../d", "#s", "http://a/b/./c/../d#s"},
  {"http://a/b/./c/../d", "?y", "http://a/b/./c/../d?y"},
  {"http://a/b/./c/../d", "g", "http://a/b/g"},
  // Empty query and fragment are defined, and kept
  {"http://a/b/c/d;p?q", "?", "http://a/b/c/d;p?"},
  {"http://a/b/c/d;p?q", "#", "http://a/b/c/d;p?q#"},
  {"http://a/b/c/d;p?q", "g?#", "http://a/b/c/g?#"},
  // References with an authority
  {"http://a/b/c/d;p?q", "//h", "http://h"},
  {"http://a/b/c/d;p?q", "//h/x/../y?z#f", "http://h/y?z#f"},
  {"http://a/b/c/d;p?q", "//h?z", "http://h?z"},
  {"http://a/b/c/d;p?q", "//", "http://"},
  // Absolute references: only their dot segments are removed
  {"http://a/b/c/d;p?q", "x:/a/b/c/./../../g", "x:/a/g"},
  {"http://a/b/c/d;p?q", "x:mid/content=5/../6", "x:mid/6"},
  {"http://a/b/c/d;p?q", "x:../x/./y", "x:x/y"},
  {"http://a/b/c/d;p?q", "HTTP://A/./B/%2E/C", "HTTP://A/B/%2E/C"},
  {"http://a/b/c/d;p?q", "x:/a/b/../../../..", "x:/"},
  {"http://a/b/c/d;p?q", "x:.", "x:"},
  {"http://a/b/c/d;p?q", "x:..", "x:"},
  // Not a scheme (a scheme starts with a letter), so a relative path
  {"http://a/b/c/d;p?q", "1a:b", "http://a/b/c/1a:b"},
  {"http://a/b/c/d;p?q", "a_b:c", "http://a/b/c/a_b:c"},
  // Dot segments that are not whole segments, and empty segments
  {"http://a/b/c/d;p?q", "/...", "http://a/..."},
  {"http://a/b/c/d;p?q", "/.../g", "http://a/.../g"},
  {"http://a/b/c/d;p?q", "g//h/..", "http://a/b/c/g//"},
  {"http://a/b/c/d;p?q", "//h//..", "http://h/"},
  {"http://a/b/c/d;p?q", "/a/b/../../..", "http://a/"},
  {"http://a/b/c/d;p?q", "./.", "http://a/b/c/"},
  {"http://a/b/c/d;p?q", "../.", "http://a/b/"},
  // UTF-8 bytes are plain bytes
  {"http://a/\xc3\xa9/c", "d", "http://a/\xc3\xa9/d"},
  {"http://a/b/c", "\xc3\xa9/../f", "http://a/b/f"},
  {"http://\xe6\x97\xa5/b/c",
   "../\xf0\x9f\x98\x80",
   "http://\xe6\x97\xa5/\xf0\x9f\x98\x80"},
};

ParameterizedTestParameters(iri, edge_cases)
{
  INDEX_PARAMS(edge_cases);
}

ParameterizedTest(size_t* i, iri, edge_cases)
{
  check_resolve(&edge_cases[*i]);
}

Test(iri, relative_base_is_refused)
{
  static const char* const bases[] = {
    "", "g", "/a/b", "//a/b", "1http://a/", ":a", "?a:b", "#a:b", "a b:c"};

  for (size_t i = 0U; i < sizeof(bases) / sizeof(bases[0]); ++i) {
    const KgStringView base = kg_sv(bases[i]);
    cr_expect_null(kg_iri_resolve(base, KG_SV("g")), "base <%s>", bases[i]);
    cr_expect_null(kg_iri_resolve(base, KG_SV("")), "base <%s>", bases[i]);

    KgBuffer buf = KG_BUFFER_INIT;
    cr_assert_eq(kg_buffer_append_str(&buf, "keep"), KG_SUCCESS);
    cr_expect_eq(kg_iri_resolve_into(&buf, base, KG_SV("#s")), KG_BAD_URI);
    cr_expect_eq(buf.len, 4U);
    cr_expect_str_eq(buf.data, "keep");
    kg_buffer_fini(&buf);
  }

  const KgStringView none = {NULL, 0U};
  cr_expect_null(kg_iri_resolve(none, KG_SV("g")));
  cr_expect_null(kg_iri_resolve(none, none));
}

Test(iri, absolute_reference_needs_no_base)
{
  const KgStringView none = {NULL, 0U};

  char* result = kg_iri_resolve(none, KG_SV("http://x/./y/../z"));
  cr_assert_not_null(result);
  cr_expect_str_eq(result, "http://x/z");
  kg_free(result);

  result = kg_iri_resolve(KG_SV("not absolute"), KG_SV("g:h"));
  cr_assert_not_null(result);
  cr_expect_str_eq(result, "g:h");
  kg_free(result);
}

Test(iri, resolve_into_appends)
{
  KgBuffer           buf  = KG_BUFFER_INIT;
  const KgStringView base = KG_SV("http://example.org/a/b");

  cr_assert_eq(kg_iri_resolve_into(&buf, base, KG_SV("c")), KG_SUCCESS);
  cr_assert_eq(kg_buffer_append_char(&buf, ' '), KG_SUCCESS);
  cr_assert_eq(kg_iri_resolve_into(&buf, base, KG_SV("../d#e")), KG_SUCCESS);
  cr_assert_eq(kg_buffer_append_char(&buf, ' '), KG_SUCCESS);
  cr_assert_eq(kg_iri_resolve_into(&buf, base, KG_SV("")), KG_SUCCESS);
  cr_expect_str_eq(
    buf.data,
    "http://example.org/a/c http://example.org/d#e http://example.org/a/b");
  cr_expect_eq(buf.len, strlen(buf.data));

  // Reusing a cleared buffer
  kg_buffer_clear(&buf);
  cr_assert_eq(kg_iri_resolve_into(&buf, base, KG_SV("./")), KG_SUCCESS);
  cr_expect_str_eq(buf.data, "http://example.org/a/");
  cr_expect_eq(buf.len, strlen(buf.data));
  kg_buffer_fini(&buf);
}

Test(iri, resolve_long_paths)
{
  // Many segments, popped one by one, exercise the in-place rewriting
  KgBuffer ref = KG_BUFFER_INIT;
  for (unsigned i = 0U; i < 500U; ++i) {
    cr_assert_eq(kg_buffer_printf(&ref, "s%u/./", i), KG_SUCCESS);
  }
  for (unsigned i = 0U; i < 499U; ++i) {
    cr_assert_eq(kg_buffer_append_str(&ref, "../"), KG_SUCCESS);
  }
  cr_assert_eq(kg_buffer_append_str(&ref, "end"), KG_SUCCESS);

  char* const result =
    kg_iri_resolve(KG_SV("http://a/b/c"), kg_buffer_view(&ref));
  cr_assert_not_null(result);
  cr_expect_str_eq(result, "http://a/b/s0/end");
  kg_free(result);
  kg_buffer_fini(&ref);
}

/*
  kg_iri_is_absolute
*/

Test(iri, is_absolute)
{
  static const char* const absolute[] = {
    "http:", "a:", "a+b-c.d:x", "HTTP://a", "z9:", "urn:isbn:1", "a:b:c"};
  static const char* const relative[] = {"",
                                         ":",
                                         ":a",
                                         "1a:b",
                                         "+a:b",
                                         ".a:b",
                                         "a",
                                         "http",
                                         "a/b:c",
                                         "a?b:c",
                                         "a#b:c",
                                         "a b:c",
                                         "a_b:c",
                                         "\xc3\xa9:x",
                                         "//a:b",
                                         "?a:b",
                                         "#a:b"};

  for (size_t i = 0U; i < sizeof(absolute) / sizeof(absolute[0]); ++i) {
    cr_expect(kg_iri_is_absolute(kg_sv(absolute[i])), "<%s>", absolute[i]);
  }

  for (size_t i = 0U; i < sizeof(relative) / sizeof(relative[0]); ++i) {
    cr_expect(!kg_iri_is_absolute(kg_sv(relative[i])), "<%s>", relative[i]);
  }

  // Only the bytes of the view count
  const KgStringView cut = {"http:", 4U};
  cr_expect(!kg_iri_is_absolute(cut));
  const KgStringView none = {NULL, 0U};
  cr_expect(!kg_iri_is_absolute(none));
}

/*
  kg_iri_check
*/

Test(iri, check_accepts)
{
  static const char* const good[] = {
    "",
    "http://example.org/a/b?c=d&e#f",
    "g",
    "http://a/%20/~/!$&'()*+,;=:@[]",
    "http://a/\xc3\xa9\xe6\x97\xa5\xf0\x9f\x98\x80",
    "http://a/\x7f", // DEL is not in the list
  };

  for (size_t i = 0U; i < sizeof(good) / sizeof(good[0]); ++i) {
    size_t offset = 12345U;
    cr_expect_eq(
      kg_iri_check(kg_sv(good[i]), &offset), KG_SUCCESS, "<%s>", good[i]);
    cr_expect_eq(offset, strlen(good[i]), "<%s>", good[i]);
    cr_expect_eq(kg_iri_check(kg_sv(good[i]), NULL), KG_SUCCESS);
  }

  const KgStringView none = {NULL, 0U};
  cr_expect_eq(kg_iri_check(none, NULL), KG_SUCCESS);
}

Test(iri, check_refuses_each_forbidden_byte)
{
  char iri[] = "http://a/b?c";

  for (unsigned c = 0U; c < 256U; ++c) {
    const bool forbidden =
      c <= 0x20U || (c < 0x80U && strchr("<>\"{}|^`\\", (int)c));

    for (size_t at = 0U; at < sizeof(iri) - 1U; at += 4U) {
      char copy[sizeof(iri)];
      memcpy(copy, iri, sizeof(iri));
      copy[at] = (char)c;

      const KgStringView view   = {copy, sizeof(copy) - 1U};
      size_t             offset = 12345U;
      const KgStatus     st     = kg_iri_check(view, &offset);
      if (forbidden) {
        cr_expect_eq(st, KG_BAD_URI, "byte 0x%02X at %zu", c, at);
        cr_expect_eq(offset, at, "byte 0x%02X at %zu", c, at);
      } else {
        cr_expect_eq(st, KG_SUCCESS, "byte 0x%02X at %zu", c, at);
        cr_expect_eq(offset, view.len, "byte 0x%02X at %zu", c, at);
      }
    }
  }
}

Test(iri, check_reports_the_first_bad_byte)
{
  size_t offset = 0U;
  cr_expect_eq(kg_iri_check(KG_SV("http://a/b c<d>"), &offset), KG_BAD_URI);
  cr_expect_eq(offset, 10U);

  cr_expect_eq(kg_iri_check(KG_SV("http://a/\0b"), &offset), KG_BAD_URI);
  cr_expect_eq(offset, 9U);

  cr_expect_eq(kg_iri_check(KG_SV("<http://a/>"), &offset), KG_BAD_URI);
  cr_expect_eq(offset, 0U);

  cr_expect_eq(kg_iri_check(KG_SV("http://a/\\"), NULL), KG_BAD_URI);
}
