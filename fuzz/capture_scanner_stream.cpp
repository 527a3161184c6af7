// Captures a real scanner conversation (captured_stream.hpp) for the scanner_protocol fuzz target:
// starts seam-plugin-scanner as the loader does, asks it for every FILE and writes each request and
// each message that comes back to OUTPUT, until the scanner ends. The messages are also read the
// way the loader reads them (ScannerConversation), and what it made of them is printed.
//
//   capture-scanner-stream [--expect-all] SCANNER OUTPUT FILE...
//
// With --expect-all it fails unless every file came back with its record, as calm plugins do: as a
// test, that keeps the committed seeds' format the scanner's own. The seeds in
// fuzz/corpus/scanner_protocol were written by it from the test fixtures (calm, segv, fork,
// garbage, steal, many ...).
#include <poll.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "captured_stream.hpp"
#include "scanner_client.hpp"
#include "scanner_conversation.hpp"
#include "scanner_process.hpp"

int main(int argc, char** argv) {
  int first = 1;
  const bool expect_all = argc > 1 && std::strcmp(argv[1], "--expect-all") == 0;
  if (expect_all) ++first;
  if (argc - first < 3) {
    std::fprintf(stderr, "usage: capture-scanner-stream [--expect-all] SCANNER OUTPUT FILE...\n");
    return 2;
  }
  const std::filesystem::path scanner = argv[first];
  const std::filesystem::path output = argv[first + 1];
  seam::detail::ScannerConversation conversation;
  std::vector<std::string> requests;
  for (int i = first + 2; i < argc; ++i) {
    requests.push_back(conversation.ask(std::filesystem::absolute(argv[i]).string()));
  }
  requests.push_back(conversation.finish());
  std::string capture;
  for (const std::string& request : requests) seam::fuzz::write_frame(capture, 'Q', request);

  try {
    seam::detail::ScannerProcess process(scanner, {"--host-version", "0.1.0", "--budget-ms", "5000"},
                                         requests);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    bool ended = false;
    while (!ended && std::chrono::steady_clock::now() < deadline) {
      std::vector<pollfd> fds;
      process.watch(fds);
      ::poll(fds.data(), fds.size(), 10);
      seam::detail::ScannerProcess::Message message;
      while (auto event = process.next(fds, message)) {
        if (*event == seam::detail::ScannerProcess::Event::exited) {
          ended = true;
          break;
        }
        if (*event != seam::detail::ScannerProcess::Event::message) continue;
        const bool from_scanner = message.sender == process.pid();
        seam::fuzz::write_frame(capture, from_scanner ? 'A' : 'X', message.text);
        if (!from_scanner) continue;
        using Step = seam::detail::ScannerConversation::Step;
        switch (conversation.on_message(message.text)) {
          case Step::file_done:
            std::printf("record: %s\n", conversation.take_record().path().c_str());
            break;
          case Step::stop:
            std::printf("stop: %s%s%s\n", conversation.refusal().c_str(),
                        conversation.violation().c_str(), conversation.doubt().c_str());
            break;
          default:
            break;
        }
      }
    }
  } catch (const seam::detail::ScannerUnavailable& e) {
    std::fprintf(stderr, "capture-scanner-stream: %s\n", e.what());
    return 1;
  }
  std::ofstream(output, std::ios::binary).write(capture.data(),
                                               static_cast<std::streamsize>(capture.size()));
  std::printf("%zu of %zu files done, %zu bytes captured in %s\n", conversation.done(),
              conversation.asked(), capture.size(), output.c_str());
  return expect_all && conversation.done() != conversation.asked() ? 1 : 0;
}
