package dev.genserver.sample.payments;

/** Use case 9: hands out a valid access token for the payment gateway. */
public interface TokenManagerApi {

    /** What the token manager shows. */
    record TokenStatus(String tokenPrefix, long expiresInMillis, long refreshes) {
    }

    /** Returns a valid token, fetching one first if there is none (a call). */
    String token();

    /** Forgets the token after the gateway refused it (a cast). */
    void invalidate(String token);

    /** Returns the status (a call). */
    TokenStatus status();
}
