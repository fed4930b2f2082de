package org.linli.estate.internal;

import org.springframework.data.jpa.repository.JpaRepository;

interface CommunityRepository extends JpaRepository<Community, Long> {

	boolean existsByName(String name);

	boolean existsByNameAndIdNot(String name, Long id);

}
