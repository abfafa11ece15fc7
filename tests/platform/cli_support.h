#pragma once
// Running build/inkset from the platform CLI tests, and small file helpers.
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "../support/cli_run.h"

namespace inkset::test {

// The tool's stdout and stderr together, as the platform tests check its messages.
inline RunResult run_inkset(const std::string& args) { return run(args, true); }

inline std::vector<uint8_t> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

inline std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

inline void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

}  // namespace inkset::test
