package dev.latchkey.auth.jdbc.internal;

import java.sql.SQLException;
import java.text.ParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;

/** The JSON text of the roles column (an array of strings) and the profile column (an object of strings). */
final class JsonText {
    private JsonText() {
    }

    /** Roles as a sorted JSON array, so that equal sets give equal text. */
    static String ofRoles(Set<String> roles) {
        return JSONArrayUtils.toJSONString(List.copyOf(new TreeSet<>(roles)));
    }

    /** A profile as a JSON object with sorted keys. */
    static String ofProfile(Map<String, String> profile) {
        return JSONObjectUtils.toJSONString(new TreeMap<>(profile));
    }

    /** The roles column read back. */
    static Set<String> readRoles(String json) throws SQLException {
        try {
            Set<String> roles = new HashSet<>();
            for (Object role : JSONArrayUtils.parse(json)) {
                if (!(role instanceof String name)) {
                    throw new SQLException("The roles column holds a non-string value");
                }
                roles.add(name);
            }
            return roles;
        } catch (ParseException e) {
            throw new SQLException("The roles column does not hold a JSON array");
        }
    }

    /** The profile column read back. */
    static Map<String, String> readProfile(String json) throws SQLException {
        try {
            Map<String, String> profile = new HashMap<>();
            for (Map.Entry<String, Object> field : JSONObjectUtils.parse(json).entrySet()) {
                if (!(field.getValue() instanceof String value)) {
                    throw new SQLException("The profile column holds a non-string value");
                }
                profile.put(field.getKey(), value);
            }
            return profile;
        } catch (ParseException e) {
            throw new SQLException("The profile column does not hold a JSON object");
        }
    }
}
