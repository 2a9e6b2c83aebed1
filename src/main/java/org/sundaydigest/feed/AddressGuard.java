package org.sundaydigest.feed;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Refuses URLs whose host is, or resolves to, a loopback, link-local, private, shared or otherwise internal address, so
 * that a feed URL cannot make the service read its own network (SSRF). Every address of the host must be public.
 */
class AddressGuard implements FeedFetcher.Guard {

    /** Turns a host name into its addresses; replaced in tests. */
    interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /** The URL may not be fetched; the message says why, in words. */
    static class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    AddressGuard(boolean allowPrivate) {
        this(allowPrivate, host -> List.of(InetAddress.getAllByName(host)));
    }

    AddressGuard(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /**
     * Passes a URL whose host resolves to public addresses only (or any URL when private addresses are allowed).
     *
     * @throws UnknownHostException
     *             when the host does not resolve; the URL may still be fine later
     */
    @Override
    public void check(URI url) throws Refused, UnknownHostException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("only http and https URLs can be fetched");
        }
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new Refused("the URL has no host");
        }
        if (allowPrivate) {
            return;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        for (InetAddress address : resolver.resolve(bare)) {
            if (isInternal(address)) {
                throw new Refused("the host " + host + " resolves to " + address.getHostAddress()
                        + ", a loopback or private address (set DIGEST_FEEDS_ALLOW_PRIVATE=true to allow it)");
            }
        }
    }

    /**
     * The addresses to connect to for this host: resolved once and each one checked, so that what is connected to is
     * what was checked, whatever the host's DNS answers next (DNS rebinding).
     */
    @Override
    public List<InetAddress> addressesOf(String host) throws Refused, UnknownHostException {
        List<InetAddress> addresses = resolver.resolve(host);
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                if (isInternal(address)) {
                    throw new Refused("the host " + host + " resolves to " + address.getHostAddress()
                            + ", a loopback or private address (set DIGEST_FEEDS_ALLOW_PRIVATE=true to allow it)");
                }
            }
        }
        return addresses;
    }

    /** Whether the address is not on the public internet. */
    static boolean isInternal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isInternalV4(b);
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return true; // fc00::/7 unique local
            }
            if (isPrefixZero(b, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return isInternalV4(new byte[] { b[12], b[13], b[14], b[15] }); // ::ffff:a.b.c.d
            }
            if (isPrefixZero(b, 12)) {
                return true; // ::a.b.c.d (deprecated IPv4-compatible), :: and ::1
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x02) {
                return isInternalV4(new byte[] { b[2], b[3], b[4], b[5] }); // 2002::/16 6to4
            }
            if (first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && b[4] == 0
                    && (b[5] & 0xff) == 0x01) {
                return true; // 64:ff9b:1::/48 local-use NAT64: translates to addresses of the local network
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
                return true; // 2001::/32 Teredo: the IPv4 address it reaches is hidden in the address
            }
            if (first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                return isInternalV4(new byte[] { b[12], b[13], b[14], b[15] }); // 64:ff9b::/96 NAT64
            }
            return false;
        }
        return true;
    }

    private static boolean isInternalV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        return a0 == 0 // this network
                || a0 == 10 || a0 == 127 // private, loopback
                || (a0 == 100 && a1 >= 64 && a1 <= 127) // shared address space (carrier-grade NAT)
                || (a0 == 169 && a1 == 254) // link-local, cloud metadata
                || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168) // private
                || (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                || (a0 == 198 && (a1 == 18 || a1 == 19)) // benchmarking
                || a0 >= 224; // multicast, reserved, broadcast
    }

    private static boolean isPrefixZero(byte[] b, int length) {
        for (int i = 0; i < length; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
