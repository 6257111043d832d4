// AtomicFile on a real file system: the target holds the old content or the whole new one, never a
// cut-off mix, whatever happens before commit() (issue 19).
#include "common/atomic_file.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace sovscan {
namespace {

namespace fs = std::filesystem;

class AtomicFileTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("sovscan-atomic-" + std::to_string(getpid()));
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string path(const std::string& name) const { return (dir_ / name).string(); }
    static std::string read(const std::string& p) {
        std::stringstream s;
        s << std::ifstream(p, std::ios::binary).rdbuf();
        return s.str();
    }
    static void write_plain(const std::string& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }
    size_t files_in_dir() const { return static_cast<size_t>(std::distance(fs::directory_iterator(dir_), {})); }
    fs::path dir_;
};

TEST_F(AtomicFileTest, CommitReplacesTheTargetWithEverythingWritten) {
    write_plain(path("r.json"), "old");
    std::string error;
    auto f = AtomicFile::open(path("r.json"), error);
    ASSERT_TRUE(f) << error;
    for (int i = 0; i < 100000; ++i) f->stream() << "line " << i << "\n";  // past the 64 KiB buffer
    EXPECT_EQ(read(path("r.json")), "old");  // nothing visible before commit
    ASSERT_TRUE(f->commit(error)) << error;
    const std::string now = read(path("r.json"));
    EXPECT_EQ(now.substr(0, 7), "line 0\n");
    EXPECT_EQ(now.substr(now.size() - 11), "line 99999\n");
    EXPECT_EQ(now.size(), 1088890u);
    EXPECT_EQ(files_in_dir(), 1u);  // no temporary file left
}

TEST_F(AtomicFileTest, WithoutCommitTheTargetIsUntouchedAndNoTemporaryFileStays) {
    write_plain(path("r.json"), "{\"valid\": true}");
    {
        std::string error;
        auto f = AtomicFile::open(path("r.json"), error);
        ASSERT_TRUE(f) << error;
        f->stream() << "{\"cut";
    }
    EXPECT_EQ(read(path("r.json")), "{\"valid\": true}");
    EXPECT_EQ(files_in_dir(), 1u);
}

TEST_F(AtomicFileTest, AnExistingTargetKeepsItsPermissions) {
    write_plain(path("r.csv"), "old");
    fs::permissions(path("r.csv"), fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    std::string error;
    auto f = AtomicFile::open(path("r.csv"), error);
    ASSERT_TRUE(f) << error;
    f->stream() << "new";
    ASSERT_TRUE(f->commit(error)) << error;
    struct stat st {};
    ASSERT_EQ(::stat(path("r.csv").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0640u);
}

// A file-size limit makes write(2) fail with EFBIG as a full disk fails with ENOSPC: the same path.
TEST_F(AtomicFileTest, AFailedWriteIsReportedAndTheOldFileKept) {
    write_plain(path("r.json"), "previous report");
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit lim {16384, 16384};
        setrlimit(RLIMIT_FSIZE, &lim);
        bool reported = false;
        {  // the AtomicFile's destructor must run before _exit: it removes the temporary file
            std::string error;
            auto f = AtomicFile::open(path("r.json"), error);
            if (!f) _exit(10);
            for (int i = 0; i < 100000; ++i) f->stream() << "line " << i << "\n";
            reported = !f->commit(error) && error == "writing " + path("r.json") +
                                                         " failed: File too large; the file there before, if any, "
                                                         "is unchanged";
        }
        _exit(reported ? 0 : 11);
    }
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
    EXPECT_EQ(read(path("r.json")), "previous report");
    EXPECT_EQ(files_in_dir(), 1u);
}

TEST_F(AtomicFileTest, KilledWhileWritingLeavesThePreviousFile) {
    write_plain(path("r.json"), "{\"previous\": 1}");
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        std::string error;
        auto f = AtomicFile::open(path("r.json"), error);
        for (int i = 0; i < 50000; ++i) f->stream() << "{\"half\": " << i << "},\n";
        f->stream().flush();
        kill(getpid(), SIGKILL);
        _exit(1);
    }
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));
    EXPECT_EQ(read(path("r.json")), "{\"previous\": 1}");
}

TEST_F(AtomicFileTest, ADeviceIsWrittenInPlaceAndItsErrorsReported) {
    std::string error;
    auto f = AtomicFile::open("/dev/full", error);
    ASSERT_TRUE(f) << error;
    f->stream() << std::string(100000, 'x');
    EXPECT_FALSE(f->commit(error));
    EXPECT_EQ(error, "writing /dev/full failed: No space left on device");
}

TEST_F(AtomicFileTest, ADirectoryOrAMissingDirectoryIsAnError) {
    std::string error;
    EXPECT_FALSE(AtomicFile::open(dir_.string(), error));
    EXPECT_EQ(error, "cannot write " + dir_.string() + ": it is a directory");
    EXPECT_FALSE(AtomicFile::open(path("missing/r.json"), error));
    EXPECT_EQ(error, "cannot write " + path("missing/r.json") + ": No such file or directory");
}

}  // namespace
}  // namespace sovscan
