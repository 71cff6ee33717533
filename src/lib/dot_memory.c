// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// Pictures: cgraph's memory (see DotMemory in dot_impl.h).
//
// Every cgraph graph that kgraph builds, a picture's (dot_build.c) or the
// schema's (write_schema.c), is opened with kg_dot_memory_open(): cgraph
// then allocates through kg_calloc(), so that the allocation-failure hook
// of the tests reaches it, and a failure is served from a reserve of
// DOT_RESERVE bytes and noted in DotMemory.failed instead of crashing
// cgraph.  The builder checks `failed` after each node and edge, and gives
// up with KG_BAD_ALLOC.  Blocks are kept in a list, freed when the graph
// closes, as cgraph's own heap frees them.

#include "dot_impl.h"

#include "alloc.h"

#include <graphviz/cgraph.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

static void*
mem_open(Agdisc_t* const disc)
{
  return disc; // The DotMemory that starts with it
}

/// Serve `size` zeroed bytes from the reserve, or return NULL.
static void*
mem_reserve(DotMemory* const m, const size_t size)
{
  const size_t aligned = (size + 15U) & ~(size_t)15U;
  if (!m->reserve || aligned < size || aligned > DOT_RESERVE - m->used) {
    return NULL;
  }
  void* const ptr = m->reserve + m->used;
  m->used += aligned;
  memset(ptr, 0, size);
  return ptr;
}

static bool
in_reserve(const DotMemory* const m, const void* const ptr)
{
  const unsigned char* const p = (const unsigned char*)ptr;
  return m->reserve && p >= m->reserve && p < m->reserve + DOT_RESERVE;
}

/// Put block `b` in the list of `m`, and return the memory it holds.
static void*
mem_link(DotMemory* const m, DotBlock* const b)
{
  b->link.prev                   = &m->blocks;
  b->link.next                   = m->blocks.link.next;
  m->blocks.link.next->link.prev = b;
  m->blocks.link.next            = b;
  return b + 1;
}

static void
mem_unlink(DotBlock* const b)
{
  b->link.prev->link.next = b->link.next;
  b->link.next->link.prev = b->link.prev;
}

static void*
mem_alloc(void* const state, const size_t size)
{
  DotMemory* const m = (DotMemory*)state;
  DotBlock* const  b = (m->failed || size > SIZE_MAX - sizeof(DotBlock))
                         ? NULL
                         : (DotBlock*)kg_calloc(1U, sizeof(DotBlock) + size);
  if (b) {
    return mem_link(m, b);
  }
  m->failed = true;
  return mem_reserve(m, size);
}

static void*
mem_resize(void* const  state,
           void* const  ptr,
           const size_t old,
           const size_t size)
{
  DotMemory* const m = (DotMemory*)state;
  if (!ptr) {
    return mem_alloc(state, size);
  }
  if (!in_reserve(m, ptr) && !m->failed &&
      size <= SIZE_MAX - sizeof(DotBlock)) {
    DotBlock* const b = (DotBlock*)ptr - 1;
    mem_unlink(b);
    DotBlock* const bigger = (DotBlock*)kg_realloc(b, sizeof(DotBlock) + size);
    if (bigger) {
      if (size > old) {
        memset((unsigned char*)(bigger + 1) + old, 0, size - old);
      }
      return mem_link(m, bigger);
    }
    mem_link(m, b); // Unchanged
  }

  // A block of the reserve, or no memory: move it into the reserve
  m->failed          = true;
  void* const copied = mem_reserve(m, size);
  if (copied) {
    memcpy(copied, ptr, old < size ? old : size);
    if (!in_reserve(m, ptr)) {
      DotBlock* const b = (DotBlock*)ptr - 1;
      mem_unlink(b);
      kg_free(b);
    }
  }
  return copied;
}

static void
mem_free(void* const state, void* const ptr)
{
  if (ptr && !in_reserve((const DotMemory*)state, ptr)) {
    DotBlock* const b = (DotBlock*)ptr - 1;
    mem_unlink(b);
    kg_free(b);
  }
}

/// Free what cgraph did not free itself (agclose() calls it last).
static void
mem_close(void* const state)
{
  DotMemory* const m = (DotMemory*)state;
  while (m->blocks.link.next != &m->blocks) {
    DotBlock* const b = m->blocks.link.next;
    mem_unlink(b);
    kg_free(b);
  }
}

void
kg_dot_memory_close(DotMemory* const memory)
{
  if (memory->blocks.link.next) {
    mem_close(memory);
  }
}

KgStatus
kg_dot_memory_open(DotMemory* const memory,
                   char* const      name,
                   Agraph_t** const graph)
{
  DotMemory* const m = memory;
  m->mem  = (Agmemdisc_t){mem_open, mem_alloc, mem_resize, mem_free, mem_close};
  m->disc = (Agdisc_t){&m->mem, &AgIdDisc, &AgIoDisc};
  m->blocks.link.prev = &m->blocks;
  m->blocks.link.next = &m->blocks;
  m->used             = 0U;
  m->failed           = false;
  *graph              = NULL;
  if (!(m->reserve = (unsigned char*)kg_malloc(DOT_RESERVE))) {
    return KG_BAD_ALLOC;
  }

  *graph = agopen(name, Agdirected, &m->disc);
  return (!*graph || m->failed) ? KG_BAD_ALLOC : KG_SUCCESS;
}

void
kg_dot_memory_fini(DotMemory* const memory, Agraph_t* const graph)
{
  if (graph) {
    agclose(graph); // Which closes the memory
  } else {
    kg_dot_memory_close(memory); // What a failed agopen() left
  }
  kg_free(memory->reserve);
  memory->reserve = NULL;
}
