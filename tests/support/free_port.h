#pragma once
// A UDP port on 127.0.0.1 that is free now (the kernel's choice for port 0), for a daemon or a
// collector the test starts on loopback.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sovscan::test {

inline int free_udp_port() {
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

}  // namespace sovscan::test
