package org.sundaydigest.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small SMTP server that answers as a test scripts it: a chosen reply for some mailboxes, 451 for everyone for a
 * while. GreenMail accepts everything, so the engine's handling of refusals needs this one.
 */
public class ScriptedSmtp implements AutoCloseable {

    /** A message the server accepted: its recipient and Message-ID. */
    public record Accepted(String recipient, String messageId) {
    }

    private static final Pattern ADDRESS = Pattern.compile("<([^>]*)>");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(\\S+)");

    private final ServerSocket server;
    private final Map<String, String> replies = new ConcurrentHashMap<>();
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger throttled = new AtomicInteger();
    private volatile long throttleUntilNanos;
    private volatile Duration delay = Duration.ZERO;

    public ScriptedSmtp() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptAll, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Answers RCPT for this address with the given reply (e.g. "550 5.1.1 no such user"); null to accept again. */
    public void answer(String address, String reply) {
        if (reply == null) {
            replies.remove(address.toLowerCase());
        } else {
            replies.put(address.toLowerCase(), reply);
        }
    }

    /** Answers every RCPT with "451 4.7.1 try again later" for this long, starting now. */
    public void throttleFor(Duration duration) {
        throttleUntilNanos = System.nanoTime() + duration.toNanos();
    }

    /** Takes this long to answer each message's data, as a relay that scans and stores it does. */
    public void delayEachMessage(Duration perMessage) {
        delay = perMessage;
    }

    /** How many RCPTs were answered 451 because of {@link #throttleFor}. */
    public int throttledReplies() {
        return throttled.get();
    }

    public List<Accepted> accepted() {
        return new ArrayList<>(accepted);
    }

    public List<Accepted> acceptedFor(String address) {
        return accepted.stream().filter(a -> a.recipient().equalsIgnoreCase(address)).toList();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread session = new Thread(() -> serve(socket), "scripted-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            OutputStream out = socket.getOutputStream();
            reply(out, "220 scripted ESMTP");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                if (System.getenv("SMTP_DEBUG") != null) {
                    System.out.println("SMTP " + socket.getPort() + " <- " + line);
                }
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                case "EHLO" -> reply(out, "250-scripted\r\n250 8BITMIME");
                case "HELO", "NOOP" -> reply(out, "250 OK");
                case "MAIL" -> {
                    recipients.clear();
                    reply(out, "250 OK");
                }
                case "RCPT" -> reply(out, rcpt(line, recipients));
                case "RSET" -> {
                    recipients.clear();
                    reply(out, "250 OK");
                }
                case "DATA" -> {
                    reply(out, "354 go ahead");
                    String message = readData(in);
                    pause();
                    Matcher id = MESSAGE_ID.matcher(message);
                    String messageId = id.find() ? id.group(1) : null;
                    recipients.forEach(r -> accepted.add(new Accepted(r, messageId)));
                    recipients.clear();
                    reply(out, "250 OK queued");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "502 command not implemented");
                }
            }
        } catch (IOException e) {
            // The client went away; nothing to clean up.
        }
    }

    private void pause() {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String rcpt(String line, List<String> recipients) {
        Matcher address = ADDRESS.matcher(line);
        String recipient = address.find() ? address.group(1) : "";
        if (System.nanoTime() < throttleUntilNanos) {
            throttled.incrementAndGet();
            return "451 4.7.1 Too many messages, try again later";
        }
        String scripted = replies.get(recipient.toLowerCase());
        if (scripted != null) {
            return scripted;
        }
        recipients.add(recipient);
        return "250 OK";
    }

    private static String readData(BufferedReader in) throws IOException {
        StringBuilder message = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            message.append(line.startsWith("..") ? line.substring(1) : line).append('\n');
        }
        return message.toString();
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
