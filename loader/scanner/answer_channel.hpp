// The scanner's end of its channel (see scanner_protocol.hpp): moved to a high descriptor that
// children do not inherit across exec, closed in every child a plugin forks, and checked to still
// be the same socket before each answer.
#pragma once

#include <string>
#include <string_view>

namespace seam::scanner {

// Takes over FD, the descriptor the loader passed; false with WHY when it is not usable.
bool open_answer_channel(int fd, std::string& why);

// True while the descriptor is still the socket the loader passed (a plugin may close or replace
// it).
bool answer_channel_intact() noexcept;

// Sends one message; false when it could not be sent whole.
bool send_answer(std::string_view message) noexcept;

// Waits for the loader's next request (scanner_protocol.hpp) into REQUEST; false when the loader
// is gone or the channel is not usable.
bool receive_request(std::string& request);

// In a child a plugin forked: closes the channel so the child can never answer, and remembers it.
void forget_answer_channel_in_child() noexcept;
bool in_forked_child() noexcept;

// SIGTERM, SIGINT, SIGHUP and SIGQUIT from another process make the scanner say "interrupted" and
// exit, so the loader blames no plugin; the same signals raised by the plugin itself kill the
// scanner as usual.
void answer_stop_signals();

}  // namespace seam::scanner
