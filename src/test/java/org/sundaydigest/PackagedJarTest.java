package org.sundaydigest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

/** For tests of the packaged jar: a fresh working directory and a real SMTP server, and the jar stopped afterwards. */
abstract class PackagedJarTest {

    protected Path workDir;
    protected PackagedApp app;
    protected GreenMail smtp;
    protected Process process;

    @BeforeEach
    void prepareJar() throws IOException {
        workDir = Files.createTempDirectory("sunday-digest-it");
        app = new PackagedApp(workDir);
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stopJar() throws InterruptedException {
        PackagedApp.stop(process);
        smtp.stop();
    }
}
