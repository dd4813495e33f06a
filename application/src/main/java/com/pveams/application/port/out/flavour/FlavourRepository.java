package com.pveams.application.port.out.flavour;

import com.pveams.domain.flavour.Flavour;
import com.pveams.domain.paging.Page;
import com.pveams.domain.paging.PageRequest;

import java.util.Optional;

public interface FlavourRepository {
    /** Inserts the flavour unless its name is taken (atomically, also across replicas); empty when taken. */
    Optional<Flavour> insertIfNameFree(Flavour flavour);

    /** Loads the flavour for an update or delete (row-locked until the transaction ends). */
    Optional<Flavour> lockForUpdate(long id);

    Page<Flavour> page(PageRequest request);

    /** Saves every field; false when the name is taken by another flavour. */
    boolean update(Flavour flavour);

    void delete(long id);
}
