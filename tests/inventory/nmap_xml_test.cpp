// nmap -oX: the corpus scans (facts from corpus/FORMATS.md) and a real scan the test runs itself
// against a listener it starts on 127.0.0.1 -- never any other address.
#include "inventory/nmap_xml.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "common/csv_reader.h"
#include "inventory_test_util.h"
#include "support/test_support.h"

namespace sovscan {
namespace {

using test::attribute_values;
using test::component_named;
using test::problem_lines;

InventoryReadResult read_corpus_scan(const std::string& name) {
    std::string path = test::corpus_file("nmap/" + name), text, error;
    EXPECT_TRUE(read_text_file(path, text, error)) << path << ": " << error;
    return read_nmap_xml(text, path);
}

const AssetRecord* record_with_ip(const InventoryReadResult& r, const std::string& ip) {
    for (const AssetRecord& rec : r.records)
        for (const IpAddress& a : rec.ips)
            if (a.to_string() == ip) return &rec;
    return nullptr;
}

// MAC (lower case) -> the vendor nmap wrote ("" when it wrote none), over all records.
std::map<std::string, std::string> macs_and_vendors(const InventoryReadResult& r) {
    std::map<std::string, std::string> out;
    for (const AssetRecord& rec : r.records)
        for (const MacAddress& mac : rec.macs) {
            std::string vendor;
            for (const AssetAttribute& a : rec.attributes)
                if (a.name == "manufacturer" && a.source.detail == "nmap MAC vendor") vendor = a.value;
            out[mac.to_string()] = vendor;
        }
    return out;
}

size_t osmatch_count(const InventoryReadResult& r) {
    size_t n = 0;
    for (const AssetRecord& rec : r.records)
        for (const AssetAttribute& a : rec.attributes)
            if (a.name == "os" && a.source.detail.rfind("nmap osmatch", 0) == 0) ++n;
    return n;
}

std::set<std::string> all_hostnames(const InventoryReadResult& r) {
    std::set<std::string> out;
    for (const AssetRecord& rec : r.records) out.insert(rec.hostnames.begin(), rec.hostnames.end());
    return out;
}

TEST(NmapCorpus, OsBannerScriptsLocalhost) {
    InventoryReadResult r = read_corpus_scan("python-libnmap__1_os_banner_scripts.xml");
    EXPECT_TRUE(r.problems.empty()) << problem_lines(r);
    ASSERT_EQ(r.records.size(), 1u);
    const AssetRecord& host = r.records[0];
    EXPECT_EQ(host.source.kind, AssetSourceKind::nmap);
    EXPECT_EQ(host.source.location, "host 127.0.0.1");
    EXPECT_EQ(host.source.detail,
              "nmap 5.51: nmap -sV -O -oX /tmp/out.xml --script http-headers,http-methods --script-trace 127.0.0.1");
    EXPECT_EQ(host.hostnames, std::vector<std::string>{"localhost"});
    EXPECT_TRUE(host.macs.empty());
    const SoftwareComponent* ssh = component_named(host, "OpenSSH");
    ASSERT_NE(ssh, nullptr);
    EXPECT_EQ(ssh->version, "5.3");
    EXPECT_EQ(ssh->source.detail, "nmap service tcp/22 (probed, conf 10)");
    for (const char* product : {"Postfix smtpd", "Apache httpd", "CUPS", "MySQL"})
        EXPECT_NE(component_named(host, product), nullptr) << product;
    auto banners = attribute_values(host, "service_banner");
    EXPECT_NE(std::find(banners.begin(), banners.end(), "tcp/80 Apache httpd 2.2.15 ((CentOS) PHP/5.3.3)"),
              banners.end());
    auto ports = attribute_values(host, "open_port");
    EXPECT_EQ(ports.size(), 8u);  // 8 <service> elements, all on open ports
    EXPECT_NE(std::find(ports.begin(), ports.end(), "tcp/8009 ajp13"), ports.end());
}

TEST(NmapCorpus, TwoHostsWithOsGuesses) {
    InventoryReadResult r = read_corpus_scan("python-libnmap__2_hosts_version.xml");
    EXPECT_TRUE(r.problems.empty()) << problem_lines(r);
    EXPECT_EQ(r.records.size(), 2u);
    EXPECT_EQ(all_hostnames(r), (std::set<std::string>{"localhost", "scanme.nmap.org"}));
    EXPECT_TRUE(macs_and_vendors(r).empty());
    EXPECT_EQ(osmatch_count(r), 10u);
    bool netgear = false;
    for (const AssetRecord& rec : r.records)
        for (const AssetAttribute& a : rec.attributes)
            netgear = netgear || (a.name == "os" && a.value == "Netgear DG834G WAP" &&
                                  a.source.detail == "nmap osmatch, accuracy 92%");
    EXPECT_TRUE(netgear);
}

TEST(NmapCorpus, DionaeaContainerWithLocallyAdministeredMacAndCpes) {
    InventoryReadResult r = read_corpus_scan("python-libnmap__dionaea_scan.xml");
    EXPECT_TRUE(r.problems.empty()) << problem_lines(r);
    ASSERT_EQ(r.records.size(), 1u);  // the <hosthint> before it is no host
    const AssetRecord& host = r.records[0];
    EXPECT_EQ(macs_and_vendors(r), (std::map<std::string, std::string>{{"02:42:ac:1c:01:03", ""}}));
    EXPECT_TRUE(host.macs[0].is_locally_administered());
    EXPECT_EQ(host.hostnames, (std::vector<std::string>{"dionaea", "dionaea.libnmap-testing_testing_net"}));
    EXPECT_EQ(attribute_values(host, "os").front(), "Linux 4.15 - 5.6");
    const SoftwareComponent* nginx = component_named(host, "nginx");
    ASSERT_NE(nginx, nullptr);
    EXPECT_EQ(nginx->cpe, "cpe:/a:igor_sysoev:nginx");
    const SoftwareComponent* memcached = component_named(host, "Memcached");
    ASSERT_NE(memcached, nullptr);
    EXPECT_EQ(memcached->version, "1.4.25");
    EXPECT_EQ(memcached->cpe, "cpe:/a:memcached:memcached:1.4.25");
    EXPECT_NE(component_named(host, "Synology DiskStation NAS ftpd"), nullptr);
    // The OS CPEs from osclass, with nmap's vendor.
    bool kernel = false;
    for (const SoftwareComponent& c : host.software)
        kernel = kernel || (c.kind == "os" && c.cpe == "cpe:/o:linux:linux_kernel:5" && c.manufacturer == "Linux");
    EXPECT_TRUE(kernel);
}

TEST(NmapCorpus, HomeNetworkWithMacVendors) {
    InventoryReadResult r = read_corpus_scan("python-libnmap__full_sudo6.xml");
    EXPECT_TRUE(r.problems.empty()) << problem_lines(r);
    EXPECT_EQ(r.records.size(), 4u);  // 256 <host>, 4 up
    EXPECT_EQ(macs_and_vendors(r), (std::map<std::string, std::string>{{"6c:2e:85:19:af:00", "Sagemcom"},
                                                                       {"c0:63:94:05:01:03", "Apple"},
                                                                       {"00:1f:3c:87:66:50", "Intel Corporate"}}));
    EXPECT_EQ(osmatch_count(r), 7u);
    const AssetRecord* router = record_with_ip(r, "192.168.1.1");
    ASSERT_NE(router, nullptr);
    const AssetAttribute* vendor = router->attribute("manufacturer");
    ASSERT_NE(vendor, nullptr);
    EXPECT_EQ(vendor->value, "Sagemcom");
    EXPECT_EQ(vendor->confidence, "medium");
    EXPECT_EQ(vendor->source.location, "host 192.168.1.1");
    EXPECT_NE(component_named(*router, "Sagem router telnetd"), nullptr);
    // Conflicting evidence is kept side by side: the osclass says WAP, both telnet services router.
    auto types = attribute_values(*router, "device_type");
    EXPECT_EQ(std::set<std::string>(types.begin(), types.end()), (std::set<std::string>{"WAP", "router"}));
    EXPECT_EQ(router->attribute("device_type")->source.detail, "nmap osclass, accuracy 100%");
}

TEST(NmapCorpus, OlderScansWithAndWithoutVendors) {
    InventoryReadResult full = read_corpus_scan("python-libnmap__fullscan.xml");
    EXPECT_TRUE(full.problems.empty()) << problem_lines(full);
    EXPECT_EQ(full.records.size(), 2u);
    EXPECT_TRUE(macs_and_vendors(full).empty());

    InventoryReadResult os5 = read_corpus_scan("python-libnmap__os_scan5.xml");
    EXPECT_TRUE(os5.problems.empty()) << problem_lines(os5);
    EXPECT_EQ(os5.records.size(), 4u);
    EXPECT_EQ(macs_and_vendors(os5),
              (std::map<std::string, std::string>{
                  {"6c:2e:85:19:af:00", ""}, {"88:1f:a1:23:ee:02", ""}, {"00:1f:3c:87:66:50", "Intel Corporate"}}));
    EXPECT_EQ(osmatch_count(os5), 4u);
    // nmap 5 writes osclass beside osmatch, not inside it.
    const AssetRecord* chumby = record_with_ip(os5, "192.168.1.1");
    ASSERT_NE(chumby, nullptr);
    auto os_vendors = attribute_values(*chumby, "os_vendor");
    EXPECT_NE(std::find(os_vendors.begin(), os_vendors.end(), "Chumby"), os_vendors.end());

    InventoryReadResult os6 = read_corpus_scan("python-libnmap__os_scan6.xml");
    EXPECT_TRUE(os6.problems.empty()) << problem_lines(os6);
    EXPECT_EQ(os6.records.size(), 3u);
    EXPECT_EQ(macs_and_vendors(os6), (std::map<std::string, std::string>{{"6c:2e:85:19:af:00", "Sagemcom"},
                                                                         {"00:1f:3c:87:66:50", "Intel Corporate"}}));
    EXPECT_EQ(osmatch_count(os6), 8u);
}

TEST(NmapXml, MalformedInputIsAProblemNotACrash) {
    InventoryReadResult not_xml = read_nmap_xml("id,ip\n", "x.xml");
    ASSERT_EQ(not_xml.problems.size(), 1u) << problem_lines(not_xml);
    EXPECT_EQ(not_xml.problems[0].where, "x.xml");

    InventoryReadResult other = read_nmap_xml("<svg><host/></svg>", "x.xml");
    EXPECT_TRUE(test::has_problem(other, "x.xml: not nmap -oX output: the root element is 'svg', not nmaprun"))
        << problem_lines(other);

    // An interrupted scan: the first host is whole, the file ends inside the second.
    const std::string cut =
        "<?xml version=\"1.0\"?><nmaprun scanner=\"nmap\" version=\"7.93\" args=\"nmap -sn 10.0.0.0/30\">"
        "<host><status state=\"up\"/><address addr=\"10.0.0.1\" addrtype=\"ipv4\"/></host>"
        "<host><status state=\"up\"/><address addr=\"not-an-ip\" addrtype=\"ipv4\"/><address addr=\"10.0.0.2\" "
        "addrtype=\"ipv4\"/>"
        "</host><host><status state=\"up\"/><address addr=\"10.0.0.3";
    InventoryReadResult partial = read_nmap_xml(cut, "cut.xml");
    ASSERT_GE(partial.records.size(), 2u);
    EXPECT_EQ(partial.records[0].ips[0].to_string(), "10.0.0.1");
    EXPECT_EQ(partial.records[1].ips[0].to_string(), "10.0.0.2");
    EXPECT_TRUE(test::has_problem(partial, "cut.xml: host #2: 'not-an-ip' is not an ipv4 address; ignored"))
        << problem_lines(partial);
    bool truncated = false;
    for (const InventoryProblem& p : partial.problems)
        truncated = truncated || p.message.find("hosts before it were read") != std::string::npos;
    EXPECT_TRUE(truncated) << problem_lines(partial);

    // Entities are not expanded (no DTD processing): the text stays literal or is an error.
    InventoryReadResult entity = read_nmap_xml(
        "<!DOCTYPE nmaprun [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><nmaprun><host><status state=\"up\"/>"
        "<address addr=\"10.0.0.1\" addrtype=\"ipv4\"/><hostnames><hostname "
        "name=\"&x;\"/></hostnames></host></nmaprun>",
        "e.xml");
    for (const AssetRecord& rec : entity.records)
        for (const std::string& h : rec.hostnames) EXPECT_EQ(h.find("root:"), std::string::npos);
}

// A TCP listener on 127.0.0.1 (ephemeral port) that greets every connection with an SSH banner,
// as an OpenSSH server on Debian 12 does, until stopped.
class BannerServer {
public:
    explicit BannerServer(std::string banner) : banner_(std::move(banner)) {
        fd_ = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        socklen_t len = sizeof addr;
        if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(fd_, 16) != 0 ||
            getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
            ADD_FAILURE() << "cannot listen on 127.0.0.1: " << std::strerror(errno);
            return;
        }
        port_ = ntohs(addr.sin_port);
        thread_ = std::thread([this] { serve(); });
    }
    ~BannerServer() {
        stop_ = true;
        if (thread_.joinable()) thread_.join();
        if (fd_ >= 0) close(fd_);
    }
    uint16_t port() const { return port_; }

private:
    void serve() {
        while (!stop_) {
            pollfd p{fd_, POLLIN, 0};
            if (poll(&p, 1, 100) <= 0) continue;
            int client = accept(fd_, nullptr, nullptr);
            if (client < 0) continue;
            (void)!write(client, banner_.data(), banner_.size());
            // Read what the prober sends (briefly), then hang up as sshd does on garbage.
            pollfd c{client, POLLIN, 0};
            char buf[256];
            if (poll(&c, 1, 200) > 0) (void)!read(client, buf, sizeof buf);
            close(client);
        }
    }

    std::string banner_;
    int fd_ = -1;
    uint16_t port_ = 0;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

// Runs `argv` (no shell) with stdout and stderr sent to `log`; its exit status, or -1.
int run_program(const std::vector<std::string>& argv, const std::string& log) {
    // Built before fork: the child of a threaded process may only make async-signal-safe calls.
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        int out = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (out >= 0) {
            dup2(out, 1);
            dup2(out, 2);
        }
        execv(args[0], args.data());
        _exit(127);
    }
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(NmapLive, VersionScanOfALoopbackServiceIsRead) {
    const std::string nmap = "/usr/bin/nmap";
    ASSERT_TRUE(std::filesystem::exists(nmap))
        << nmap << " is missing: install the Debian package nmap (scripts/setup.sh does); this test runs a real scan";
    BannerServer server("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n");
    ASSERT_NE(server.port(), 0);
    test::InventoryTempDir dir;
    const std::string xml = dir.path() + "/scan.xml", log = dir.path() + "/nmap.log";
    const std::string port = std::to_string(server.port());

    auto started = std::chrono::steady_clock::now();
    // Only 127.0.0.1, only the listener's port; -n: no DNS; -Pn: no host discovery probes.
    int status =
        run_program({nmap, "-sV", "-Pn", "-n", "-p", port, "--host-timeout", "30s", "127.0.0.1", "-oX", xml}, log);
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started).count();
    std::string log_text, error;
    read_text_file(log, log_text, error);
    ASSERT_EQ(status, 0) << "nmap failed:\n" << log_text;
    EXPECT_LT(seconds, 20) << "the scan should take about a second";

    std::string text;
    ASSERT_TRUE(read_text_file(xml, text, error)) << error;
    InventoryReadResult r = read_nmap_xml(text, xml);
    EXPECT_TRUE(r.problems.empty()) << problem_lines(r);
    ASSERT_EQ(r.records.size(), 1u) << text;
    const AssetRecord& host = r.records[0];
    ASSERT_EQ(host.ips.size(), 1u);
    EXPECT_EQ(host.ips[0].to_string(), "127.0.0.1");
    EXPECT_EQ(host.source.location, "host 127.0.0.1");
    EXPECT_EQ(host.source.detail.rfind("nmap 7.", 0), 0u) << host.source.detail;
    EXPECT_NE(host.source.detail.find("-sV"), std::string::npos) << host.source.detail;
    EXPECT_EQ(attribute_values(host, "open_port"), std::vector<std::string>{"tcp/" + port + " ssh"});
    const SoftwareComponent* ssh = component_named(host, "OpenSSH");
    ASSERT_NE(ssh, nullptr) << text;
    EXPECT_EQ(ssh->version.rfind("9.2p1", 0), 0u) << ssh->version;
    EXPECT_EQ(ssh->cpe, "cpe:/a:openbsd:openssh:9.2p1");
    EXPECT_EQ(ssh->source.location, "host 127.0.0.1");
    EXPECT_EQ(ssh->source.detail.rfind("nmap service tcp/" + port + " (probed", 0), 0u) << ssh->source.detail;
}

}  // namespace
}  // namespace sovscan
