// Copyright the kgraph authors
// SPDX-License-Identifier: ISC

// The byte source of every reader (formats.h): a stream, or a string in
// memory, read in chunks of the reader's choosing.

#include "formats.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

size_t
kg_input_read(KgInput* const input, void* const buf, const size_t n)
{
  if (input->file) {
    return fread(buf, 1U, n, input->file);
  }

  const size_t left = input->len - input->pos;
  const size_t got  = n < left ? n : left;
  if (got) {
    memcpy(buf, input->data + input->pos, got);
  }
  input->pos += got;
  return got;
}
