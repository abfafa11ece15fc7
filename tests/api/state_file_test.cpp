#include <inkset/state_file.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

namespace fs = std::filesystem;
using namespace inkset;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/inkset-state-test-XXXXXX";
    REQUIRE(mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_file(const fs::path& p, const std::string& data) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << data;
}

ReadingPositions positions(int n, const std::string& tag) {
  ReadingPositions m;
  for (int i = 0; i < n; ++i) m["feeds/article-" + std::to_string(i) + ".md"] = "/" + std::to_string(i) + "/2:" + tag;
  return m;
}

}  // namespace

TEST_CASE("reading positions round-trip, special characters escaped", "[state]") {
  TempDir dir;
  const std::string path = (dir.path / "positions").string();
  ReadingPositions m = positions(3, "17");
  m["tab\tnew\nline\\back\rcr"] = "front:0";
  m[""] = "";
  REQUIRE(save_reading_positions(path, m).ok());
  auto loaded = load_reading_positions(path);
  REQUIRE(loaded.ok());
  CHECK(loaded->warning.empty());
  CHECK(loaded->positions == m);
  CHECK(read_file(path).rfind("inkset-state 1 5 ", 0) == 0);
}

TEST_CASE("a missing state file is no state without a warning", "[state]") {
  TempDir dir;
  auto loaded = load_reading_positions((dir.path / "absent").string());
  REQUIRE(loaded.ok());
  CHECK(loaded->positions.empty());
  CHECK(loaded->warning.empty());
}

TEST_CASE("a damaged or truncated state file is no state with a warning", "[state]") {
  TempDir dir;
  const fs::path path = dir.path / "positions";
  REQUIRE(save_reading_positions(path.string(), positions(20, "5")).ok());
  const std::string good = read_file(path);
  std::vector<std::pair<std::string, std::string>> cases = {
      {"empty", ""},
      {"header only, truncated", good.substr(0, good.find('\n'))},
      {"truncated body", good.substr(0, good.size() - 7)},
      {"one byte flipped", [&] { std::string s = good; s[s.size() / 2] ^= 0x20; return s; }()},
      {"other file", "hello world\n"},
      {"future version", "inkset-state 9 0 cbf29ce484222325\n"},
      {"binary", std::string("\x00\xff\x13\n\x01", 5)},
  };
  for (const auto& [name, data] : cases) {
    INFO(name);
    write_file(path, data);
    auto loaded = load_reading_positions(path.string());
    REQUIRE(loaded.ok());
    CHECK(loaded->positions.empty());
    CHECK(loaded->warning.find("saved reading positions ignored") != std::string::npos);
  }
}

TEST_CASE("saving into a missing folder fails with the path and leaves nothing", "[state]") {
  TempDir dir;
  const auto status = save_reading_positions((dir.path / "no" / "such" / "positions").string(), positions(1, "1"));
  REQUIRE_FALSE(status.ok());
  CHECK(status.error().code == ErrorCode::kUnreadableFile);
  CHECK(status.error().message.find("no/such/positions") != std::string::npos);
}

// A child saves two alternating states in a loop and is killed with SIGKILL at a random moment, 200
// times: the file must always hold exactly one of the two complete states.
TEST_CASE("a save killed at any moment leaves the old or the new state", "[state][slow]") {
  TempDir dir;
  const std::string path = (dir.path / "positions").string();
  // Large enough that one save takes several write() calls and the kill often lands inside one.
  const ReadingPositions a = positions(3000, "old");
  const ReadingPositions b = positions(3000, "new");
  REQUIRE(save_reading_positions(path, a).ok());
  std::mt19937 rng(12345);
  std::uniform_int_distribution<int> delay_us(0, 4000);
  int saw_a = 0, saw_b = 0;
  for (int round = 0; round < 200; ++round) {
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      for (int i = 0;; ++i)
        if (!save_reading_positions(path, i % 2 ? a : b).ok()) _exit(3);
    }
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us(rng)));
    REQUIRE(kill(child, SIGKILL) == 0);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFSIGNALED(status));
    auto loaded = load_reading_positions(path);
    REQUIRE(loaded.ok());
    INFO("round " << round << ": " << loaded->warning);
    REQUIRE(loaded->warning.empty());
    const bool is_a = loaded->positions == a;
    const bool is_b = loaded->positions == b;
    REQUIRE((is_a || is_b));
    (is_a ? saw_a : saw_b)++;
  }
  // The kills landed at different moments: both states were seen.
  CHECK(saw_a > 0);
  CHECK(saw_b > 0);
  // Killed saves may leave temporary files; they are never the state file.
  for (const auto& entry : fs::directory_iterator(dir.path))
    if (entry.path().filename() != "positions") CHECK(entry.path().filename().string().rfind("positions.", 0) == 0);
}
