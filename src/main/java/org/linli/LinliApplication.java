package org.linli;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

@Modulithic(sharedModules = "shared")
@SpringBootApplication
@EnableScheduling
public class LinliApplication {

	public static void main(String[] args) {
		SpringApplication.run(LinliApplication.class, args);
	}

}
