// A byte stream as the network delivers it, for parsers that must not care where it was cut.
#pragma once

#include <cstddef>
#include <string_view>

// Calls FEED with STREAM in pieces whose sizes (1 to 13 bytes) cycle through a pattern chosen by
// SEED; SEED 0 feeds it whole.
template <class Feed>
void feed_in_pieces(std::string_view stream, unsigned seed, Feed&& feed) {
  if (seed == 0) {
    feed(stream);
    return;
  }
  for (std::size_t i = 0, step = 0; i < stream.size(); ++step) {
    const std::size_t size = 1 + (seed + step * 7) % 13;
    feed(stream.substr(i, size));
    i += size;
  }
}
