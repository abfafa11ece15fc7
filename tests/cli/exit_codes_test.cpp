// Every failure class of every command has its own exit code and one line on stderr naming the file
// and the problem (README "Exit codes").
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
};

Run run(const std::string& args) {
  char err_name[] = "/tmp/inkset-exit-stderr-XXXXXX";
  const int fd = mkstemp(err_name);
  REQUIRE(fd >= 0);
  close(fd);
  const std::string cmd = std::string(INKSET_CLI) + " " + args + " 2>" + err_name;
  Run r;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(err_name);
  r.err.assign(std::istreambuf_iterator<char>(in), {});
  fs::remove(err_name);
  return r;
}

// One line, "inkset: ...", containing `needle` (the file, the option).
void check_one_line(const Run& r, const std::string& needle) {
  INFO("stderr: " << r.err);
  CHECK(r.err.rfind("inkset: ", 0) == 0);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK(r.err.find(needle) != std::string::npos);
}

struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/inkset-exit-XXXXXX";
    REQUIRE(mkdtemp(tmpl));
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& data) const {
    std::ofstream(path / name, std::ios::binary) << data;
    return (path / name).string();
  }
};

const std::vector<std::string> kArticleCommands = {"layout", "render", "text", "outline"};

}  // namespace

TEST_CASE("exit 2: bad arguments, for every command", "[cli][exit]") {
  for (const auto& cmd : kArticleCommands) {
    INFO(cmd);
    const Run missing = run(cmd);
    CHECK(missing.exit_code == 2);
    check_one_line(missing, cmd);
    const Run unknown = run(cmd + " a.md --no-such-option");
    CHECK(unknown.exit_code == 2);
    check_one_line(unknown, "--no-such-option");
  }
  const Run bad_limit = run("layout a.md --max-article-mb lots");
  CHECK(bad_limit.exit_code == 2);
  check_one_line(bad_limit, "--max-article-mb");
  const Run negative = run("render a.md --max-images -1");
  CHECK(negative.exit_code == 2);
  check_one_line(negative, "--max-images");
  const Run command = run("no-such-command");
  CHECK(command.exit_code == 2);
  check_one_line(command, "no-such-command");
}

TEST_CASE("exit 3: unreadable file, for every command", "[cli][exit]") {
  TempDir dir;
  const std::string folder = dir.path.string();  // a folder is not a readable article
  for (const auto& cmd : kArticleCommands) {
    INFO(cmd);
    const Run missing = run(cmd + " /nonexistent/article.md");
    CHECK(missing.exit_code == 3);
    check_one_line(missing, "/nonexistent/article.md");
  }
  const std::string article = dir.write("a.md", "Text.\n");
  const Run out = run("render " + article + " --out /proc/no-such-dir/out");
  CHECK(out.exit_code == 3);
  check_one_line(out, "/proc/no-such-dir/out");
}

TEST_CASE("exit 4: bad article, for every command", "[cli][exit]") {
  TempDir dir;
  const std::string front = dir.write("front.md", "---\ntitle: x\nno colon here\n---\nText.\n");
  const std::string binary = dir.write("binary.md", std::string("\x00\x01\x02\xff\xfe\x03\x04", 7) + std::string(200, '\x01'));
  for (const auto& cmd : kArticleCommands) {
    INFO(cmd);
    const Run f = run(cmd + " " + front);
    CHECK(f.exit_code == 4);
    check_one_line(f, front + ": ");
    const Run b = run(cmd + " " + binary);
    CHECK(b.exit_code == 4);
    check_one_line(b, binary + ": not a text file");
  }
}

TEST_CASE("exit 5: limit exceeded, with the option that raises it", "[cli][exit]") {
  TempDir dir;
  const std::string big = dir.write("big.md", std::string(4000, 'a') + "\n");
  for (const std::string cmd : {"layout", "render"}) {
    const std::string out = cmd == "render" ? " --out " + (dir.path / "out").string() : "";
    const Run r = run(cmd + " " + big + " --max-article-mb 0.002" + out);
    CHECK(r.exit_code == 5);
    check_one_line(r, big + ": ");
  }
  const Run para = run("layout " + big + " --max-paragraph-kb 2 --count");
  CHECK(para.exit_code == 5);
  check_one_line(para, "--max-paragraph-kb");
  std::string table = "| a | b | c |\n|---|---|---|\n";
  for (int i = 0; i < 40; ++i) table += "| 1 | 2 | 3 |\n";
  const std::string t = dir.write("table.md", table);
  const Run cells = run("layout " + t + " --max-table-cells 100 --count");
  CHECK(cells.exit_code == 5);
  check_one_line(cells, "41 rows by 3 columns");
  CHECK(run("layout " + t + " --count").exit_code == 0);
}

TEST_CASE("exit 6: missing font", "[cli][exit]") {
  TempDir dir;
  const std::string article = dir.write("a.md", "Text.\n");
  const std::string fonts = (dir.path / "no-fonts").string();
  fs::create_directories(fonts);
  for (const std::string cmd : {"layout", "render"}) {
    const std::string out = cmd == "render" ? " --out " + (dir.path / "out").string() : "";
    const Run r = run(cmd + " " + article + " --fonts " + fonts + out);
    CHECK(r.exit_code == 6);
    check_one_line(r, fonts);
  }
  // A font file over the size limit is skipped with a warning; with no other font that is exit 6.
  const std::string small = (dir.path / "small-fonts").string();
  fs::create_directories(small);
  fs::copy_file(std::string(INKSET_SOURCE_DIR) + "/fonts/NotoSans-Regular.ttf", small + "/NotoSans-Regular.ttf");
  const Run skipped = run("layout " + article + " --fonts " + small + " --max-font-mb 0.01 --count");
  CHECK(skipped.exit_code == 6);
  check_one_line(skipped, "over the limit");
  const Run loaded = run("layout " + article + " --fonts " + small + " --count");
  CHECK(loaded.exit_code == 0);
}

TEST_CASE("the exit codes are listed in the help", "[cli][exit]") {
  const Run help = run("--help");
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("2 bad arguments,\n3 unreadable file, 4 bad article, 5 limit exceeded, 6 missing font, 70 internal error") !=
        std::string::npos);
}
