package dev.latchkey.auth.otp;

import dev.latchkey.auth.Contact;
import dev.latchkey.auth.OtpMessage;
import dev.latchkey.auth.OtpPurpose;

import java.time.Duration;

/** Messages for the tests, built the way the service builds them. */
final class Messages {
    private Messages() {
    }

    static OtpMessage sms(String phone, String code) {
        return OtpMessage.newBuilder()
                .to(Contact.Kind.PHONE, phone)
                .purpose(OtpPurpose.LOGIN)
                .code(code, Duration.ofMinutes(5))
                .text("Your Example code is " + code + ". It expires in 5 minutes.")
                .build();
    }

    static OtpMessage email(String address, String code) {
        return OtpMessage.newBuilder()
                .to(Contact.Kind.EMAIL, address)
                .purpose(OtpPurpose.VERIFY_EMAIL)
                .code(code, Duration.ofMinutes(5))
                .subject("Your Example code: " + code)
                .text("Your code is " + code + ". It expires in 5 minutes.")
                .html("<p>Your code is <b>" + code + "</b>. It expires in 5 minutes.</p>")
                .build();
    }
}
