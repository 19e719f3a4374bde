package dev.curious.messenger.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The account {@code admin} ({@code messenger.admin.*}).
 *
 * @param password its password ({@code MESSENGER_ADMIN_PASSWORD}); empty: no admin account
 */
@ConfigurationProperties("messenger.admin")
record AdminProperties(@DefaultValue("") String password) {}
