package dev.callsafe.browser.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real STUN/TURN server for a test: Debian's coturn ({@code turnserver}, installed by
 * {@code scripts/ensure-system.sh}) on 127.0.0.1, a free port, one static long-term user, relaying between
 * loopback peers; {@link #close} ends it and waits, so no daemon is left behind.
 */
final class TurnServer implements AutoCloseable {
    static final String USER = "callsafe";
    static final String PASSWORD = "relay-secret";

    private final Process process;
    private final int port;
    private final Path dir;

    private TurnServer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Starts the server and waits until its relay ports are ready (at most 20 s). */
    static TurnServer start() throws IOException, InterruptedException {
        int port = freePort();
        Path dir = Files.createTempDirectory("callsafe-turn-");
        // Relay ports just above the listening port (checked free with it), not coturn's system-wide default range.
        List<String> command = List.of("turnserver", "-n", "--listening-ip=127.0.0.1", "--listening-port=" + port,
                "--relay-ip=127.0.0.1", "--min-port=" + (port + 1), "--max-port=" + (port + 40),
                "--lt-cred-mech", "--user=" + USER + ":" + PASSWORD, "--realm=callsafe.test",
                "--allow-loopback-peers", "--no-cli", "--no-tls", "--no-dtls", "--no-software-attribute",
                "--log-file=stdout", "--simple-log", "--pidfile=" + dir.resolve("turnserver.pid"),
                "--userdb=" + dir.resolve("turndb"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        CountDownLatch ready = new CountDownLatch(1);
        StringBuilder log = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    if (line.contains("Relay ports initialization done")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "turnserver-log");
        reader.setDaemon(true);
        reader.start();
        if (!ready.await(20, TimeUnit.SECONDS) || !p.isAlive()) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            synchronized (log) {
                throw new IOException("turnserver did not start:\n" + log);
            }
        }
        return new TurnServer(p, port, dir);
    }

    /** A port free for both UDP and TCP on loopback, with the 40 above it free for UDP relays. */
    private static int freePort() throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = 20000 + (int) (Math.random() * 20000);
            try (ServerSocket tcp = new ServerSocket(port, 1, lo); DatagramSocket udp = new DatagramSocket(port, lo)) {
                boolean relaysFree = true;
                for (int p = port + 1; p <= port + 40 && relaysFree; p++) {
                    try (DatagramSocket relay = new DatagramSocket(p, lo)) {
                        relaysFree = relay.isBound();
                    } catch (IOException taken) {
                        relaysFree = false;
                    }
                }
                if (relaysFree) {
                    return port;
                }
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port for turnserver");
    }

    /** The {@code turn:} URL a page puts in its iceServers. */
    String url() {
        return "turn:127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }
}
