package org.sundaydigest.bounce;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * An RSA key and a self-signed certificate for it, standing in for SNS's signing certificate. The JDK has no public API
 * to make a certificate, so {@code keytool} (which ships with it) makes one; it runs once per JVM for each of the two
 * instances.
 */
final class TestCertificate {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static TestCertificate one;
    private static TestCertificate other;

    private final PrivateKey key;
    private final X509Certificate certificate;

    private TestCertificate(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** The certificate the tests sign with. */
    static synchronized TestCertificate create() {
        if (one == null) {
            one = generate();
        }
        return one;
    }

    /** A second certificate with another key: what a forger would sign with. */
    static synchronized TestCertificate other() {
        if (other == null) {
            other = generate();
        }
        return other;
    }

    /** The certificate as SNS serves it: PEM text. */
    String pem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(UTF_8)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** The base64 signature of the text's UTF-8 bytes under the private key, with SHA1withRSA or SHA256withRSA. */
    String sign(String text, String algorithm) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(text.getBytes(UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestCertificate generate() {
        try {
            Path directory = Files.createTempDirectory("sns-certificate");
            Path store = directory.resolve("sns.p12");
            Process keytool = new ProcessBuilder(keytool(), "-genkeypair", "-keyalg", "RSA", "-keysize", "2048",
                    "-dname", "CN=sns.test", "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                    "-storepass", "changeit", "-alias", "sns").redirectErrorStream(true).start();
            keytool.getOutputStream().close();
            String output = new String(keytool.getInputStream().readAllBytes(), UTF_8);
            if (!keytool.waitFor(2, TimeUnit.MINUTES) || keytool.exitValue() != 0) {
                keytool.destroyForcibly();
                throw new IllegalStateException("keytool could not make a key pair: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, PASSWORD);
            }
            TestCertificate made = new TestCertificate((PrivateKey) keys.getKey("sns", PASSWORD),
                    (X509Certificate) keys.getCertificate("sns"));
            Files.delete(store);
            Files.delete(directory);
            return made;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not make a test certificate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making a test certificate", e);
        }
    }

    /** The keytool of the JDK running the tests, else the one on the PATH. */
    private static String keytool() {
        Path own = Path.of(System.getProperty("java.home"), "bin", "keytool");
        return Files.isExecutable(own) ? own.toString() : "keytool";
    }
}
