/** Users as others find them: nickname search and roles (processing group "users"). */
package dev.curious.messenger.query.user;
