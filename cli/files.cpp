#include "cli/files.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace tokenlab::cli {

namespace {

namespace fs = std::filesystem;

bool write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

std::optional<std::string> find_root(const std::optional<std::string>& flag, const char* name) {
  std::error_code ec;
  if (flag)
    return fs::is_directory(*flag, ec) ? flag : std::nullopt;
  if (fs::is_directory(name, ec))
    return std::string{name};
  const std::string beside_sources = std::string{TOKENLAB_SOURCE_DIR} + "/" + name;
  if (fs::is_directory(beside_sources, ec))
    return beside_sources;
  return std::nullopt;
}

} // namespace

bool write_file(const std::string& path, const std::string& text, std::string& error) {
  const auto fail = [&](int error_number) {
    error = path + ": cannot write: " + std::strerror(error_number);
    return false;
  };
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr)
      return fail(errno);
    const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    const int error_number = errno;
    if (std::fclose(f) != 0 || !ok)
      return fail(ok ? errno : error_number);
    return true;
  }
  const fs::path target{path};
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path{"."};
  std::string tmp = (folder / ("." + target.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0)
    return fail(errno);
  // mkstemp makes the file private; the result gets the usual mode, as a plain write would.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  const bool written =
    ::fchmod(fd, 0666 & ~mask) == 0 && write_all(fd, text) && ::fsync(fd) == 0;
  const int error_number = errno;
  if (::close(fd) != 0 || !written || std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int reason = written ? errno : error_number;
    std::remove(tmp.c_str());
    return fail(reason);
  }
  return true;
}

std::optional<std::string> check_output(const std::string& path,
                                        const std::vector<std::string>& inputs) {
  struct stat out {};
  if (::stat(path.c_str(), &out) == 0) {
    for (const auto& in : inputs) {
      struct stat st {};
      if (::stat(in.c_str(), &st) == 0 && st.st_dev == out.st_dev && st.st_ino == out.st_ino)
        return path + ": is the scenario " + in + "; choose another output file";
    }
    if (!S_ISREG(out.st_mode))
      return std::nullopt; // a terminal, a pipe, /dev/stdout: written to directly
  }
  const fs::path target{path};
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path{"."};
  std::error_code ec;
  if (!fs::is_directory(folder, ec))
    return path + ": cannot write: no folder " + folder.string();
  if (::access(folder.c_str(), W_OK) != 0)
    return path + ": cannot write: " + std::strerror(errno);
  return std::nullopt;
}

std::optional<std::string> course_root(const std::optional<std::string>& flag) {
  return find_root(flag, "tutorials");
}

std::optional<std::string> library_root(const std::optional<std::string>& flag) {
  return find_root(flag, "scenarios");
}

} // namespace tokenlab::cli
