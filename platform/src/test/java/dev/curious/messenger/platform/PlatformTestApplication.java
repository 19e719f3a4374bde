package dev.curious.messenger.platform;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The platform alone: a database, its migrations and Axon's infrastructure, without any domain. */
@SpringBootApplication
class PlatformTestApplication {}
