package dev.latchkey.auth.spring.properties;

/** Where Latchkey's tables are ({@code latchkey.database.*}); the application's DataSource holds them. */
public class DatabaseProperties {
    /** A prefix for every Latchkey table name (letters, digits and _), for a schema shared with other tables. */
    private String tablePrefix = "";

    public String getTablePrefix() {
        return tablePrefix;
    }

    public void setTablePrefix(String tablePrefix) {
        this.tablePrefix = tablePrefix;
    }
}
