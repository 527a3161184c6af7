#include "chat_chunk.hpp"

#include <nlohmann/json.hpp>

namespace seam_openai {

namespace {

using json = nlohmann::json;

// A SAX handler that follows the path to each value and keeps the ones ChunkFields names.
class ChunkReader {
 public:
  explicit ChunkReader(ChunkFields& out) : out_(out) {}

  bool null() {
    on_value();
    return true;
  }
  bool boolean(bool) { return scalar(); }
  bool number_integer(json::number_integer_t value) { return number(value); }
  bool number_unsigned(json::number_unsigned_t value) {
    return number(static_cast<std::int64_t>(value));
  }
  bool number_float(json::number_float_t value, const json::string_t&) {
    return number(static_cast<std::int64_t>(value));
  }
  bool binary(json::binary_t&) { return scalar(); }

  bool string(json::string_t& value) {
    on_value();
    const std::size_t depth = depth_;
    if (depth == 4 && in_first_choice() && (key_at(2) == "delta" || key_at(2) == "message") &&
        key_at(3) == "content") {
      out_.content = std::move(value);
    } else if (depth == 3 && in_first_choice() && key_at(2) == "finish_reason") {
      out_.finish_reason = std::move(value);
    } else if (depth == 1 && key_at(0) == "error") {
      out_.error = std::move(value);
    } else if (depth == 2 && key_at(0) == "error" && key_at(1) == "message") {
      out_.error = std::move(value);
    }
    return true;
  }

  bool start_object(std::size_t) {
    on_value();
    if (depth_ == 1 && key_at(0) == "error") out_.error = std::string();
    if (depth_ == 0) root_is_object_ = true;
    push(false);
    return true;
  }
  bool key(json::string_t& name) {
    if (depth_ <= kTracked) frames_[depth_ - 1].key.assign(name);
    return true;
  }
  bool end_object() {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) {
    on_value();
    if (depth_ == 1 && key_at(0) == "choices") out_.has_choices = true;
    push(true);
    return true;
  }
  bool end_array() {
    --depth_;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) {
    return false;
  }

  bool root_is_object() const { return root_is_object_; }

 private:
  // Only the first levels matter (choices[0].delta.content is four deep); deeper containers are
  // counted but not followed, so reading a chunk allocates nothing for its structure.
  static constexpr std::size_t kTracked = 6;
  struct Frame {
    bool array = false;
    std::string key;          // the member whose value is being read (objects)
    std::size_t next = 0;     // the index the next element gets (arrays)
    std::size_t current = 0;  // the index of the element being read (arrays)
  };

  void push(bool array) {
    if (depth_ < kTracked) {
      Frame& frame = frames_[depth_];
      frame.array = array;
      frame.key.clear();
      frame.next = frame.current = 0;
    }
    ++depth_;
  }
  // Every value, scalar or container, passes here first: an array frame counts its elements.
  void on_value() {
    if (depth_ == 0 || depth_ > kTracked) return;
    Frame& frame = frames_[depth_ - 1];
    if (frame.array) frame.current = frame.next++;
  }
  bool scalar() {
    on_value();
    if (depth_ == 1 && key_at(0) == "error") out_.error = std::string();
    return true;
  }
  bool number(std::int64_t value) {
    scalar();
    if (depth_ == 2 && key_at(0) == "usage") {
      if (key_at(1) == "prompt_tokens") out_.prompt_tokens = value;
      if (key_at(1) == "completion_tokens") out_.completion_tokens = value;
    }
    return true;
  }
  const std::string& key_at(std::size_t depth) const { return frames_[depth].key; }
  // The path so far is choices[0]: the root's "choices" member, its first element.
  bool in_first_choice() const {
    return key_at(0) == "choices" && frames_[1].array && frames_[1].current == 0 &&
           !frames_[2].array;
  }

  ChunkFields& out_;
  Frame frames_[kTracked];
  std::size_t depth_ = 0;
  bool root_is_object_ = false;
};

}  // namespace

bool read_chunk(std::string_view text, ChunkFields& out) {
  ChunkReader reader(out);
  const bool ok = json::sax_parse(text.begin(), text.end(), &reader, json::input_format_t::json,
                                  /*strict=*/true);
  return ok && reader.root_is_object();
}

}  // namespace seam_openai
