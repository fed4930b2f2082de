package org.linli.estate.internal;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface BuildingRepository extends JpaRepository<Building, Long> {

	List<Building> findByCommunityIdOrderByNameAsc(Long communityId);

	boolean existsByCommunityIdAndName(Long communityId, String name);

	boolean existsByCommunityIdAndNameAndIdNot(Long communityId, String name, Long id);

}
