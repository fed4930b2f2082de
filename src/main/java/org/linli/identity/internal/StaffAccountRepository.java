package org.linli.identity.internal;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

public interface StaffAccountRepository
		extends JpaRepository<StaffAccount, Long>, JpaSpecificationExecutor<StaffAccount> {

	@Query("select a from StaffAccount a where lower(a.username) = lower(?1)")
	Optional<StaffAccount> findByUsernameIgnoreCase(String username);

	boolean existsByUsernameIgnoreCase(String username);

}
