#pragma once
// A network namespace the test creates with a veth pair whose two ends are both inside it: what a
// program writes to one end (tcpreplay) arrives at the other (a sensor), and nothing leaves the
// namespace. Removed when the test ends. Needs root (CI runs as root) and iproute2.
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace sovscan::test {

class VethNamespace {
public:
    explicit VethNamespace(const std::string& tag) : name_("sovscan-" + tag + "-" + std::to_string(::getpid())) {
        std::system(("ip netns del " + name_ + " 2>/dev/null").c_str());
        const std::string in = "ip netns exec " + name_ + " ";
        // No IPv6 of the namespace's own (router solicitations, MLD reports, DAD probes when the
        // links come up): what the sensor sees is what the test sends, and only that.
        ok_ = run("ip netns add " + name_) &&
              run(in + "sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1") &&
              run(in + "ip link add " + kSender + " type veth peer name " + kSensor) &&
              run(in + "ip link set " + kSender + " mtu 9000 up") && run(in + "ip link set " + kSensor + " mtu 9000 up") &&
              run(in + "ip link set lo up");
    }
    ~VethNamespace() { std::system(("ip netns del " + name_ + " 2>/dev/null").c_str()); }
    VethNamespace(const VethNamespace&) = delete;
    VethNamespace& operator=(const VethNamespace&) = delete;

    bool ok() const { return ok_; }
    const std::string& name() const { return name_; }
    // argv prefix that runs a program inside the namespace.
    std::vector<std::string> exec(std::vector<std::string> argv) const {
        std::vector<std::string> out{"ip", "netns", "exec", name_};
        out.insert(out.end(), argv.begin(), argv.end());
        return out;
    }
    std::string shell_prefix() const { return "ip netns exec " + name_ + " "; }

    static constexpr const char* kSender = "svsend";  // tcpreplay writes here
    static constexpr const char* kSensor = "svsense";  // the sensor captures here

private:
    static bool run(const std::string& cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()) == 0; }
    std::string name_;
    bool ok_ = false;
};

}  // namespace sovscan::test
