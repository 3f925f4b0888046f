// jTDS connects as an ordinary program does; the SQLException goes uncaught, so the JVM prints its stack.
// Usage: java -cp .:jtds.jar Connect JDBC_URL
import java.sql.DriverManager;

public class Connect {
  public static void main(String[] args) throws Exception {
    // jTDS 1.3.1's jar has no META-INF/services entry: the driver registers itself only when its class is loaded.
    Class.forName("net.sourceforge.jtds.jdbc.Driver");
    DriverManager.getConnection(args[0], "sa", "not-a-secret");
  }
}
